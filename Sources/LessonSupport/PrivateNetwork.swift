import Glibc

extension Harness {
    /// True when this program runs where `learn` put it for checks: a user namespace of its own
    /// (its uid map is not the host's whole range) whose network namespace has only `lo`.
    /// Set-up that changes the network (an address on lo) is done only there, never on a
    /// machine's real network, even when a check runs as root on the host loopback.
    static func inPrivateNetwork() -> Bool {
        guard let map = readSmallFile("/proc/self/uid_map") else { return false }
        let fields = map.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        if fields == ["0", "0", "4294967295"] { return false }
        // /proc/self/net/dev lists this network namespace's interfaces (/sys/class/net shows
        // the namespace sysfs was mounted in, the host's).
        guard let devices = readSmallFile("/proc/self/net/dev") else { return false }
        let interfaces = devices.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":").first.map { trimmed(String($0)) }
        }
        return interfaces == ["lo"]
    }

    /// Runs iproute2's `ip` with `arguments` in the private network; NotRun with the reason
    /// when there is none, or `ip` is missing or refuses.
    static func runIP(_ arguments: [String]) throws {
        guard inPrivateNetwork() else {
            throw NotRun(Text("This check changes the network (ip \(arguments.joined(separator: " "))), "
                                  + "which it does only in a private network namespace, and this is none.",
                              ko: "이 검사는 네트워크를 바꾸는데(ip \(arguments.joined(separator: " "))), "
                                  + "사설 네트워크 네임스페이스 안에서만 그렇게 합니다. 여기는 그런 곳이 아닙니다."))
        }
        let candidates: [String] = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"]
        guard let ip = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw NotRun(Text("iproute2's ip is missing (Debian: sudo apt-get install iproute2).",
                              ko: "iproute2의 ip 명령이 없습니다 (Debian: sudo apt-get install iproute2)."))
        }
        let run = try runProgram([ip] + arguments, timeLimit: 3)
        guard run.succeeded else {
            throw NotRun(Text("ip \(arguments.joined(separator: " ")) failed: \(trimmed(run.errorText))",
                              ko: "ip \(arguments.joined(separator: " ")) 실패: \(trimmed(run.errorText))"))
        }
    }

    /// The first 4 KB of a file as text, or nil when it cannot be read.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &buffer, buffer.count)
        return n >= 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }
}
