import Glibc

/// A lesson whose checks (or demo) run parts of themselves on other hosts of a lab declares
/// them as roles: `extension Harness { static let roles: [Role] = [...] }`. Lessons without
/// roles get none from this default.
protocol LessonRoles {
    static var roles: [Harness.Role] { get }
}

extension LessonRoles {
    static var roles: [Harness.Role] { [] }
}

extension Harness: LessonRoles {}

extension Harness {
    /// A part of a lesson program that runs on another lab host: the program runs itself there
    /// as `program --learn-role NAME ARGS...`. What the role prints on stdout is what the caller
    /// reads; a thrown error ends it with status 1 and the error on stderr.
    struct Role {
        let name: String
        let run: ([String]) throws -> Void

        init(_ name: String, run: @escaping ([String]) throws -> Void) {
            self.name = name
            self.run = run
        }
    }

    static let roleFlag = "--learn-role"

    /// Called first by every lesson program: when it was started as a role, runs that role
    /// and exits; otherwise returns at once.
    static func runRoleIfAsked(_ roles: [Role]) {
        let arguments = CommandLine.arguments
        guard arguments.count >= 3, arguments[1] == roleFlag else { return }
        guard let role = roles.first(where: { $0.name == arguments[2] }) else {
            fputs("no role \(arguments[2]) in this program\n", stderr)
            exit(2)
        }
        do {
            try role.run(Array(arguments.dropFirst(3)))
            fflush(stdout)
            exit(0)
        } catch {
            fflush(stdout)
            fputs("\(error)\n", stderr)
            exit(1)
        }
    }

    static func declaredRoles<T: LessonRoles>(_ type: T.Type) -> [Role] { T.roles }

    /// One interface of a lab host.
    struct LabInterface {
        let name: String
        let index: UInt32
        let ipv4: String
        let ipv6: String
    }

    /// A host of the lab, and how to run a program on it.
    struct LabHost {
        let name: String
        let interfaces: [LabInterface]
        /// The argv prefix that runs a program on this host (empty for the host we are on).
        let runPrefix: [String]
        var interface: LabInterface { interfaces[0] }
    }

    /// The lab topology the engine brought up for this lesson (lessons/course.txt `lab=NAME`).
    /// This program runs on its first host.
    struct Lab {
        let topology: String
        let hosts: [LabHost]

        func host(_ name: String) throws -> LabHost {
            guard let host = hosts.first(where: { $0.name == name }) else {
                throw Failure(Text("The lab has no host \(name).", ko: "랩에 \(name) 호스트가 없습니다."))
            }
            return host
        }

        /// Starts role `role` of this same program on `host`; read its lines while it runs,
        /// then `finish` it.
        func start(role: String, on host: String, _ arguments: [String] = []) throws -> Program {
            let target = try self.host(host)
            return try Program(target.runPrefix + [Harness.ownExecutable(), Harness.roleFlag, role] + arguments)
        }

        /// Runs role `role` on `host` to its end.
        func run(role: String, on host: String, _ arguments: [String] = [], timeLimit: Double = 5) throws -> ProgramResult {
            try start(role: role, on: host, arguments).finish(timeLimit: timeLimit)
        }
    }

    /// The lab, or NotRun with the reason where none can run on this machine.
    static func lab() throws -> Lab {
        if let reason = environment("LEARN_LAB_UNAVAILABLE") {
            throw NotRun(Text("This check needs a private lab network: \(reason)",
                              ko: "이 검사에는 사설 랩 네트워크가 필요합니다: \(reason)"))
        }
        guard let topology = environment("LEARN_LAB"), let names = environment("LEARN_LAB_HOSTS") else {
            throw NotRun(Text("This check needs the lesson's lab network, and this program was not started in one (run it with learn check).",
                              ko: "이 검사에는 레슨의 랩 네트워크가 필요한데, 이 프로그램은 랩 안에서 시작되지 않았습니다 (learn check로 실행하세요)."))
        }
        let hosts = names.split(separator: ",").map(String.init).map { name -> LabHost in
            let interfaces = (environment("LEARN_LAB_HOST_\(name)") ?? "").split(separator: ";").compactMap { item -> LabInterface? in
                let fields = item.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 4, let index = UInt32(fields[1]) else { return nil }
                return LabInterface(name: fields[0], index: index, ipv4: fields[2], ipv6: fields[3])
            }
            let prefix = (environment("LEARN_LAB_RUN_\(name)") ?? "").split(separator: "\u{1F}").map(String.init)
            return LabHost(name: name, interfaces: interfaces, runPrefix: prefix)
        }
        return Lab(topology: topology, hosts: hosts)
    }

    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// This program's own path, to start it again as a role on another host.
    static func ownExecutable() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return n > 0 ? String(cString: Array(buffer[0..<n]) + [0]) : CommandLine.arguments[0]
    }
}
