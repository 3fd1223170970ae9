/// The verdict of `learn check` on one lesson, as the command line prints it and as
/// `--format json` writes it.
public struct CheckReport: Codable, Sendable {
    /// `incomplete`: nothing failed, but some checks could not run here, so the lesson is not
    /// shown as passed (under CI such a run is `failed`).
    public enum Status: String, Codable, Sendable { case passed, failed, incomplete }

    public var lesson: String
    public var status: Status
    public var checks: [CheckResult]
    /// The compiler's errors when the learner's file did not compile with the checks.
    public var compileErrors: [Diagnostic]
    /// True when the errors are all in the lesson's check, not in the learner's file: the file
    /// compiles on its own but its functions do not have the names or types the lesson asks for.
    public var contractMismatch: Bool
    /// The compiler's whole output when the build failed.
    public var compilerOutput: String?
    /// A problem with the check program itself (a crash outside any check, the time limit).
    public var problem: String?
    /// Why the checks ran unconfined, when they did.
    public var notice: String?

    public var passedCount: Int { checks.filter { $0.status == .passed }.count }
    public var failedCount: Int { checks.filter { $0.status == .failed }.count }
    public var notRunCount: Int { checks.filter { $0.status == .notRun }.count }
    /// Why the first check that did not run could not.
    public var notRunReason: String? { checks.first { $0.status == .notRun }?.message }
}

/// One named check.
public struct CheckResult: Codable, Equatable, Sendable {
    public enum Status: String, Codable, Sendable {
        case passed, failed
        case notRun = "not-run"
    }
    public var id: String
    public var name: String
    public var status: Status
    public var message: String
    /// What the learner's code printed during this check.
    public var output: String
}
