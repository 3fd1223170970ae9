import Dispatch
import Foundation
import HostProcess
import NetLab

/// A stop signal and the lab it must end: whichever comes second acts.
///
/// @unchecked Sendable: both fields are read and written only under `lock`; the signal
/// sources call `request` from a dispatch queue while the main thread calls `attach`.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var lab: Lab?
    private var signal: Int32?
    private let words: Words

    init(words: Words) { self.words = words }

    /// True once a signal has been taken: the shell then dies with the lab, and the
    /// main thread must leave the exit (and its status) to the signal's handler.
    var stopping: Bool { lock.lock(); defer { lock.unlock() }; return signal != nil }

    func request(_ sig: Int32) {
        lock.lock(); signal = sig; let lab = self.lab; lock.unlock()
        if let lab { stop(lab, sig) }
    }

    func attach(_ lab: Lab) {
        lock.lock(); self.lab = lab; let sig = signal; lock.unlock()
        if let sig { stop(lab, sig) }
    }

    /// Ends the process from the signal's thread: the main thread is blocked waiting for
    /// the shell, and the status must be the signal's (128 + its number, as shells report it).
    private func stop(_ lab: Lab, _ sig: Int32) -> Never {
        lab.shutdown()
        FileHandle.standardError.write(Data("\n\(words.labStopped)\n".utf8))
        exit(128 + sig)
    }
}

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
        // Signals are taken by a dispatch source, so teardown runs on a normal thread
        // rather than in a signal handler. SIGINT/SIGQUIT from the terminal go to the
        // shell (an interactive shell has its own process group); if one reaches us
        // (Ctrl-C during bring-up, or a shell without job control), the lab goes.
        // One arriving during bring-up is kept until the lab exists, so that the lab
        // is then shut down rather than half made and abandoned.
        let stop = StopRequest(words: words)
        let sources = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { stop.request(sig) }
            s.resume()
            return s
        }
        defer { sources.forEach { $0.cancel() } }
        let lab: Lab
        do {
            lab = try Lab.start(topology)
        } catch let error as LabError {
            throw LearnError.failure(message(for: error))
        }
        defer { lab.shutdown() }
        stop.attach(lab)

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
        while stop.stopping { pause() }
        lab.shutdown()
        FileHandle.standardOutput.write(Data((words.labRemoved(topology.name) + "\n").utf8))
        return result.status
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
        return lines.joined(separator: "\n")
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
