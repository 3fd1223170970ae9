import Foundation
import HostProcess
import NetLab

/// One `learn lab` session: bring-up, banner, shell, teardown (also on a signal).
public struct LabSession {
    public let topology: Topology
    public let words: Words

    public init(topology: Topology, words: Words) {
        self.topology = topology
        self.words = words
    }

    /// `learn lab <name>`: the topology called `name` (its router forwarding `groups`), checked
    /// before anything is made; returns the shell's exit status.
    public static func open(_ name: String, forwarding groups: [String], words: Words) throws -> Int32 {
        guard let topology = Topology.named(name, forwarding: groups.isEmpty ? Topology.defaultForwardedGroups : groups) else {
            throw LearnError.usage(words.labNoTopology(name, Topology.names))
        }
        if Lab.enclosingHosts() != nil { throw LearnError.failure(words.labAlreadyInside) }
        if let refusal = Lab.refusal(for: topology) { throw LearnError.failure(words.refusal(refusal)) }
        return try LabSession(topology: topology, words: words).run()
    }

    public func run() throws -> Int32 {
        // SIGINT, SIGTERM, SIGHUP, SIGQUIT: StopSignals kills the lab's processes at once (the
        // world and the shell are HostChildren), from its handler; here the lab is then removed
        // and the executable exits 128 + the signal. Ctrl-C and Ctrl-\ typed in the shell go to
        // the shell (an interactive shell has a process group of its own). Deferred: a signal
        // while nothing runs (during bring-up) is kept, so the lab is removed, not abandoned.
        StopSignals.install()
        return try StopSignals.deferring {
            let lab: Lab
            do {
                lab = try Lab.start(topology)
            } catch let error as LabError {
                try stopIfSignalled(nil)
                throw LearnError.failure(message(for: error))
            }
            defer { lab.shutdown() }
            try stopIfSignalled(lab)

            let first = lab.hosts[0]
            // Unbuffered: the shell writes to the same terminal next.
            FileHandle.standardOutput.write(Data((banner(lab, here: first.name) + "\n").utf8))
            var command = HostCommand(try lab.command(on: first.name, shellArgv(lab, host: first.name)),
                                      environment: environment(lab, host: first.name))
            command.stdin = .inherit
            command.stdout = .inherit
            command.stderr = .inherit
            command.group = .inherit
            let shell = try HostChild(command)
            let result = shell.wait(timeout: .infinity)
            try stopIfSignalled(lab)
            lab.shutdown()
            FileHandle.standardOutput.write(Data((words.labRemoved(topology.name) + "\n").utf8))
            return result.status
        }
    }

    /// After a stop signal: the lab goes, the learner is told, and `StopSignals.Stopped` is thrown.
    private func stopIfSignalled(_ lab: Lab?) throws {
        guard let signal = StopSignals.received else { return }
        lab?.shutdown()
        FileHandle.standardError.write(Data("\n\(words.labStopped)\n".utf8))
        throw StopSignals.Stopped(signal: signal)
    }

    func message(for error: LabError) -> String {
        switch error {
        case .bringUpFailed(let detail): return words.labDidNotComeUp(detail)
        case .shutDown: return words.labGone
        default: return error.description
        }
    }

    public func banner(_ lab: Lab, here: String) -> String {
        var lines = [words.labBanner(topology.name)]
        for h in lab.hosts {
            let ifaces = h.interfaces.map {
                "\(words.labInterface($0.name, index: $0.index)) \($0.ipv4)/\($0.ipv4Prefix) \($0.ipv6)/\($0.ipv6Prefix)"
            }
            let role = h.isRouter ? "  " + words.labRouterMark : ""
            let mark = h.name == here ? "  " + words.labThisShell : ""
            lines.append("  \(h.name)\(role): " + ifaces.joined(separator: "; ") + mark)
        }
        if let r = topology.router {
            for route in r.routes {
                lines.append("  " + words.labForwards(r.host, groups: route.groups.joined(separator: ", "), from: route.from,
                                                      to: route.to.joined(separator: ", ")))
            }
        }
        let other = lab.hosts.first { $0.name != here }?.name ?? here
        lines.append(words.labRunElsewhere(other))
        lines.append(words.labLeave)
        // Fitted to the terminal: a line wraps at spaces, under its host (an address, which
        // has none, is never split).
        let width = TerminalInfo.current().width
        return lines.flatMap { line -> [String] in
            let lead = String(line.prefix { $0 == " " })
            return ScreenLayout.hanging(lead, String(line.dropFirst(lead.count)), width: width).enumerated()
                .map { $0.offset == 0 ? $0.element : "  " + $0.element }
        }.joined(separator: "\n")
    }

    var shellPath: String {
        let s = ProcessInfo.processInfo.environment["SHELL"] ?? ""
        return s.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: s) ? s : "/bin/bash"
    }

    /// bash reads ~/.bashrc, which usually sets PS1, so the prompt is set in an rc
    /// file (in the lab's folder, removed with it) that sources ~/.bashrc first.
    func shellArgv(_ lab: Lab, host: String) -> [String] {
        guard shellPath.hasSuffix("/bash") else { return [shellPath, "-i"] }
        let rc = lab.directory + "/bashrc"
        let text = """
        [ -f ~/.bashrc ] && . ~/.bashrc
        PS1="(lab \(topology.name):\(host)) ${PS1:-\\$ }"

        """
        guard (try? text.write(toFile: rc, atomically: false, encoding: .utf8)) != nil else { return [shellPath, "-i"] }
        return [shellPath, "--rcfile", rc, "-i"]
    }

    /// The caller's environment plus the lab's variables, a prompt for shells other
    /// than bash, the learner's language, and this program's folder first on PATH, so `learn lab exec` works
    /// inside even when `learn` was started by path.
    func environment(_ lab: Lab, host: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        lab.shellEnvironment(host: host).forEach { env[$0.key] = $0.value }
        env["PS1"] = "(lab \(topology.name):\(host)) \\$ "
        // `learn` inside speaks the language the lab was opened in (`learn lab link --lang ko`).
        env["LEARN_LANG"] = words.language.code
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = (exe as NSString).deletingLastPathComponent
            env["PATH"] = dir + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        }
        return env
    }
}
