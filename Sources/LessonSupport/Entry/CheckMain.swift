// The entry point of a check program: the lesson's check.swift supplies `Harness.checks`.
@main
enum LearnCheckMain {
    static func main() {
        Harness.runChecks(Harness.checks)
    }
}
