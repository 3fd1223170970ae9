// The entry point of a check program: the lesson's check.swift supplies `Harness.checks`
// (and, for lessons on a lab, `Harness.roles`, the parts it runs on other hosts).
@main
enum LearnCheckMain {
    static func main() {
        Harness.runRoleIfAsked(Harness.declaredRoles(Harness.self))
        Harness.runChecks(Harness.checks)
    }
}
