import Glibc

// Real servers for lessons that declare one in lessons/course.txt (`15-ftp-client server=ftp`).
//
// A server is started by the lesson program itself, because the program runs in a private
// network namespace where a server on the host's loopback cannot be reached. Each server is a
// launcher the course ships, servers/<name>/launch, which binds 127.0.0.1 on a free port and,
// once it accepts connections, writes one line to its stdout:
//     PORT=40121 USER=learner PASSWORD=s3cret ROOT=/tmp/learn-ftp-abc123
// (or MISSING=<what is missing and how to install it>, and exits). It never writes to stdout
// again. The harness reads that line with poll and a deadline (no sleeps), notices a launcher
// that dies first (waitpid), and kills the launcher's process group when the program ends,
// removing the ROOT folder it was told about. The launcher also asks the kernel to stop it
// when the program dies without running atexit (PR_SET_PDEATHSIG), and the engine kills the
// program's process group as a backstop.
//
// A check program starts every server of LEARN_SERVERS once, before forking the checks (see
// runChecks); a demo starts its server on its first call to `Harness.server`.
extension Harness {
    /// A running server of the course, as its launcher announced it.
    struct Server {
        let name: String
        /// The launcher's process id; also its process group.
        let pid: pid_t
        let host = "127.0.0.1"
        let port: UInt16
        /// Every KEY=VALUE of the ready line.
        let values: [String: String]

        func value(_ key: String) -> String? { values[key] }
        var user: String { values["USER"] ?? "" }
        var password: String { values["PASSWORD"] ?? "" }
        /// The server's private folder (the FTP root; the Telnet session's working folder).
        var root: String { values["ROOT"] ?? "" }
    }

    /// The server `name`, started on first use in this process (or before the checks were
    /// forked). Throws NotRun, with the reason, when it cannot run here.
    static func server(_ name: String) throws -> Server {
        if let known = ServerRegistry.started[name] {
            return try known.get()
        }
        let outcome = Result { try ServerRegistry.start(name) }
        ServerRegistry.started[name] = outcome
        return try outcome.get()
    }

    /// Starts every server named in LEARN_SERVERS (a comma list); failures are remembered and
    /// reported by the checks that ask for that server.
    static func startDeclaredServers() {
        guard let raw = getenv("LEARN_SERVERS") else { return }
        for name in String(cString: raw).split(separator: ",") {
            let name = trimmed(String(name))
            if !name.isEmpty { _ = try? server(name) }
        }
    }

    /// A TCP connection to host:port (for checks that hand a connected socket to the learner).
    static func connectTCP(_ host: String, _ port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw OSError(call: "socket", code: errno) }
        var address = try socketAddress(host, port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected != 0 {
            let code = errno
            close(fd)
            throw OSError(call: "connect to \(host):\(port)", code: code)
        }
        return fd
    }

    /// Without leading and trailing spaces, tabs, CRs and LFs (Foundation's trimming, without Foundation).
    static func trimmed(_ text: String) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = text.firstIndex(where: { !blank($0) }),
              let last = text.lastIndex(where: { !blank($0) }) else { return "" }
        return String(text[first...last])
    }

    enum ServerRegistry {
        nonisolated(unsafe) static var started: [String: Result<Server, Error>] = [:]
        nonisolated(unsafe) static var running: [Server] = []
        /// The process that started the servers: a forked check that calls exit() must not stop them.
        nonisolated(unsafe) static var owner: pid_t = 0

        /// The course folder: LEARN_COURSE_ROOT, or (run by hand) two folders above this file.
        static var courseRoot: String {
            if let raw = getenv("LEARN_COURSE_ROOT") { return String(cString: raw) }
            var file = "\(#filePath)"
            if !file.hasPrefix("/") {
                var buffer = [CChar](repeating: 0, count: 4096)
                if getcwd(&buffer, buffer.count) != nil { file = String(cString: buffer) + "/" + file }
            }
            var parts = file.split(separator: "/", omittingEmptySubsequences: false)
            parts.removeLast(3)  // Sources/LessonSupport/Servers.swift
            return parts.joined(separator: "/")
        }

        static var readyTimeout: Double { environmentSeconds("LEARN_SERVER_TIMEOUT") ?? 5 }

        static func start(_ name: String) throws -> Server {
            let launcher = courseRoot + "/servers/" + name + "/launch"
            guard access(launcher, X_OK) == 0 else {
                throw NotRun(Text(
                    "The course has no runnable \(name) server: \(launcher) is missing or not executable.",
                    ko: "이 과정에는 실행할 수 있는 \(name) 서버가 없습니다: \(launcher) 파일이 없거나 실행 권한이 없습니다."))
            }
            var pipeEnds: [Int32] = [0, 0]
            guard pipe(&pipeEnds) == 0 else { throw OSError(call: "pipe", code: errno) }
            let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
            // Neither end may leak into the launcher beyond its stdout, nor into forked checks' children.
            _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
            defer { close(readEnd) }

            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawnattr_init(&attributes)
            defer {
                posix_spawn_file_actions_destroy(&actions)
                posix_spawnattr_destroy(&attributes)
            }
            // stdin from /dev/null, stdout into our pipe, stderr to LEARN_SERVER_LOG or /dev/null.
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
            let log = getenv("LEARN_SERVER_LOG").map { String(cString: $0) } ?? "/dev/null"
            posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            // A process group of its own: one kill(-pid) stops the launcher and what it started.
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
            posix_spawnattr_setpgroup(&attributes, 0)
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            posix_spawnattr_setsigmask(&attributes, &noSignals)

            var environment: [String] = []
            var entry = environ
            while let pointer = entry.pointee {
                let text = String(cString: pointer)
                if !text.hasPrefix("LEARN_SERVER_PARENT=") && !text.hasPrefix("LEARN_RESULT_FD=") {
                    environment.append(text)
                }
                entry += 1
            }
            environment.append("LEARN_SERVER_PARENT=\(getpid())")

            var pid: pid_t = 0
            let status = withCStrings([launcher]) { argv in
                withCStrings(environment) { envp in
                    posix_spawn(&pid, launcher, &actions, &attributes, argv, envp)
                }
            }
            close(writeEnd)
            guard status == 0 else {
                throw NotRun(Text(
                    "Could not start \(launcher): \(String(cString: strerror(status))). "
                        + interpreterNote(launcher).en,
                    ko: "\(launcher)을(를) 시작하지 못했습니다: \(String(cString: strerror(status))). "
                        + interpreterNote(launcher).ko))
            }
            if owner == 0 {
                owner = getpid()
                atexit { Harness.ServerRegistry.stopAll() }
            }

            let line: String
            do {
                line = try readReadyLine(readEnd, pid: pid, name: name)
            } catch {
                stop(pid: pid, root: nil)
                throw error
            }
            var values: [String: String] = [:]
            for field in line.split(separator: " ") {
                guard let equals = field.firstIndex(of: "=") else { continue }
                values[String(field[..<equals])] = String(field[field.index(after: equals)...])
            }
            if line.hasPrefix("MISSING=") {
                stop(pid: pid, root: nil)
                let what = String(line.dropFirst("MISSING=".count))
                throw NotRun(Text("The \(name) server cannot run here: \(what).",
                                  ko: "\(name) 서버를 여기서 실행할 수 없습니다: \(what)."))
            }
            guard let portText = values["PORT"], let port = UInt16(portText), port != 0 else {
                stop(pid: pid, root: values["ROOT"])
                throw NotRun(Text("The \(name) server's launcher said \"\(line)\" instead of PORT=...",
                                  ko: "\(name) 서버 런처가 PORT=... 대신 \"\(line)\"라고 했습니다."))
            }
            let server = Server(name: name, pid: pid, port: port, values: values)
            running.append(server)
            return server
        }

        /// The first line of the launcher's stdout, within the deadline.
        private static func readReadyLine(_ fd: Int32, pid: pid_t, name: String) throws -> String {
            let deadline = monotonicSeconds() + readyTimeout
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 512)
            while !bytes.contains(UInt8(ascii: "\n")) {
                let left = deadline - monotonicSeconds()
                if left <= 0 {
                    throw NotRun(Text(
                        "The \(name) server did not say it was ready within \(readyTimeout) s.",
                        ko: "\(name) 서버가 \(readyTimeout)초 안에 준비되었다고 알리지 않았습니다."))
                }
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&entry, 1, Int32(left * 1000) + 1)
                if ready < 0 && errno != EINTR { throw OSError(call: "poll", code: errno) }
                if ready <= 0 { continue }
                let count = read(fd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    // End of file before a whole line: the launcher died (or closed stdout).
                    var status: Int32 = 0
                    let how: Text
                    // A launcher that exits closes its output a moment before it can be reaped.
                    var reaped = false
                    for _ in 0..<500 where !reaped {
                        reaped = waitpid(pid, &status, WNOHANG) == pid
                        if !reaped { usleep(2000) }
                    }
                    if reaped {
                        let signal = status & 0x7f
                        how = signal != 0
                            ? Text("was killed by \(signalName(signal))", ko: "\(signalName(signal))로 종료되었습니다")
                            : Text("exited with status \((status >> 8) & 0xff)",
                                   ko: "종료 상태 \((status >> 8) & 0xff)로 끝났습니다")
                    } else {
                        how = Text("closed its output", ko: "출력을 닫았습니다")
                    }
                    throw NotRun(Text(
                        "The \(name) server \(how.en) before it was ready. "
                            + "Run again with LEARN_SERVER_LOG=/tmp/\(name).log to see why.",
                        ko: "\(name) 서버가 준비되기 전에 \(how.ko). "
                            + "LEARN_SERVER_LOG=/tmp/\(name).log를 붙여 다시 실행하면 이유를 볼 수 있습니다."))
                }
                bytes.append(contentsOf: buffer[0..<count])
            }
            let end = bytes.firstIndex(of: UInt8(ascii: "\n"))!
            return trimmed(String(decoding: bytes[..<end], as: UTF8.self))
        }

        /// "#!/usr/bin/python3" names what must be installed when the launcher cannot start.
        private static func interpreterNote(_ launcher: String) -> Text {
            guard let file = fopen(launcher, "r") else { return Text("", ko: "") }
            defer { fclose(file) }
            var buffer = [CChar](repeating: 0, count: 256)
            guard fgets(&buffer, Int32(buffer.count), file) != nil else { return Text("", ko: "") }
            let first = trimmed(String(cString: buffer))
            guard first.hasPrefix("#!") else { return Text("", ko: "") }
            let interpreter = trimmed(String(first.dropFirst(2)))
            return Text("Is its interpreter \(interpreter) installed? (Debian: sudo apt-get install python3)",
                        ko: "인터프리터 \(interpreter)가 설치되어 있나요? (Debian: sudo apt-get install python3)")
        }

        /// Kills every server this process started and removes their folders.
        static func stopAll() {
            guard getpid() == owner else { return }
            for server in running { stop(pid: server.pid, root: server.values["ROOT"]) }
            running.removeAll()
        }

        static func stop(pid: pid_t, root: String?) {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            if let root, isOurTemporaryFolder(root) { removeTree(root) }
        }

        /// Only a folder a launcher made: /tmp/learn-<name>-XXXXXXXX (or under TMPDIR).
        private static func isOurTemporaryFolder(_ path: String) -> Bool {
            let last = path.split(separator: "/").last.map(String.init) ?? ""
            return path.hasPrefix("/") && last.hasPrefix("learn-") && !path.contains("/../")
        }

        /// rm -rf, without following symbolic links.
        static func removeTree(_ path: String) {
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                if let directory = opendir(path) {
                    while let entry = readdir(directory) {
                        let name = withUnsafeBytes(of: entry.pointee.d_name) {
                            String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
                        }
                        if name == "." || name == ".." { continue }
                        removeTree(path + "/" + name)
                    }
                    closedir(directory)
                }
                rmdir(path)
            } else {
                unlink(path)
            }
        }

        /// Runs `body` with a NULL-terminated array of C strings.
        private static func withCStrings<R>(_ strings: [String],
                                            _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
            let pointers = strings.map { strdup($0) } + [nil]
            defer { pointers.forEach { free($0) } }
            return body(pointers)
        }
    }
}
