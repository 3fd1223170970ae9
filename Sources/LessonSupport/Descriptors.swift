import Glibc

extension Harness {
    /// The descriptors this process has open, from /proc/self/fd (without the directory's own).
    /// Checks compare the set before and after a learner's call to find a leak.
    static func openDescriptors() -> Set<Int32> {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        let own = dirfd(directory)
        var found: Set<Int32> = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let fd = Int32(name), fd != own { found.insert(fd) }
        }
        closedir(directory)
        return found
    }

    /// An Int32 socket option (SOL_SOCKET level unless told), or nil when getsockopt fails.
    static func socketOption(_ fd: Int32, _ name: Int32, level: Int32 = SOL_SOCKET) -> Int32? {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, level, name, &value, &length) == 0 ? value : nil
    }

    /// Runs `body` with the soft limit on open descriptors lowered so that exactly `free` more
    /// can be opened, then puts it back. Descriptors are given out lowest number first, and
    /// the harness holds some high ones, so every free number below the highest open one is
    /// filled first (with duplicates of stdin, closed afterwards). Checks run in a process of
    /// their own, so nothing else feels the lower limit.
    static func withDescriptorLimit<T>(free: Int, _ body: () throws -> T) throws -> T {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            throw OSError(call: "getrlimit", code: errno)
        }
        let saved = limit
        let open = openDescriptors()
        let highest = open.max() ?? 2
        var fillers: [Int32] = []
        defer { for fd in fillers { close(fd) } }
        for number in 0..<highest where !open.contains(number) {
            let fd = fcntl(highest, F_DUPFD, number)
            guard fd == number else {
                if fd >= 0 { close(fd) }
                throw NotRun(Text("(set-up) could not fill descriptor \(number) before lowering the limit.",
                                  ko: "(준비) 한도를 낮추기 전에 디스크립터 \(number)번을 채우지 못했습니다."))
            }
            fillers.append(fd)
        }
        limit.rlim_cur = rlim_t(Int(highest) + 1 + free)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            throw NotRun(Text("(set-up) the descriptor limit cannot be set to \(limit.rlim_cur): \(errnoText("setrlimit"))",
                              ko: "(준비) 디스크립터 한도를 \(limit.rlim_cur)(으)로 정할 수 없습니다: \(errnoText("setrlimit"))"))
        }
        defer {
            var back = saved
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &back)
        }
        return try body()
    }
}
