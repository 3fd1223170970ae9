import HostProcess

/// The resource limits lesson programs run under (never the compiler): set in the program
/// just before exec, inherited by every check's forked process. A fork bomb ends with the
/// PID namespace and the clock (RLIMIT_NPROC counts all of a user's processes and does not
/// hold for root, so it is not used).
enum Limits {
    /// The largest file a lesson program may write: SIGXFSZ beyond it.
    static let fileSize: UInt64 = 256 << 20
    /// Address space: allocations fail beyond it (a Foundation program needs far less).
    static let addressSpace: UInt64 = 2 << 30

    /// Tells the harness the limits, so it can say which one ended a check.
    static func describe(cpuSeconds: Double, in environment: inout [String: String]) {
        environment["LEARN_LIMIT_FILE_SIZE"] = String(fileSize)
        environment["LEARN_LIMIT_ADDRESS_SPACE"] = String(addressSpace)
        environment["LEARN_LIMIT_CPU_SECONDS"] = String(UInt64(max(1, cpuSeconds.rounded(.up))))
    }

    static func forLessonPrograms(cpuSeconds: Double) -> [HostCommand.ResourceLimit] {
        [.fileSize(bytes: fileSize), .addressSpace(bytes: addressSpace),
         .cpuTime(seconds: UInt64(max(1, cpuSeconds.rounded(.up)))), .noCoreFiles]
    }
}
