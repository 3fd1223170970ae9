import ArgumentParser
import Dispatch
import Foundation
import NetLab
#if canImport(Glibc)
import Glibc
#endif

/// `learn lab <topology>`: a shell on host A of a fresh private network, gone when
/// the shell exits. `learn lab exec <host> -- CMD`: run CMD on another host of the
/// lab this shell is in.
struct LabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "Open a shell in a private multi-host network (no root needed, nothing reaches a real network).",
        usage: """
        learn lab <topology> [--forward <group> ...]
        learn lab exec <host> -- <command> ...
        learn lab bench [<runs>]
        """,
        discussion: """
        Topologies: link (hosts A and B on one veth link), router (A - R - B, R a multicast \
        router running smcrouted). The shell runs on host A; everything is removed when it exits. \
        Inside it, `learn lab exec B -- CMD` runs CMD on host B. `learn lab bench` times \
        bring-up plus teardown of each topology.
        """
    )

    @Option(name: .customLong("forward"), help: "A group (or prefix) the router forwards; repeatable. Default: 239.255.0.0/16.")
    var groups: [String] = []

    // One free-form list, because "exec" and a topology name share the first place
    // (ArgumentParser's default subcommand does not take a positional argument).
    @Argument(parsing: .captureForPassthrough, help: "A topology (link, router), or exec <host> -- <command>.")
    var words: [String] = []

    func run() throws {
        if words.first == "exec" {
            try LabExec.run(Array(words.dropFirst()))
        }
        if words.first == "bench" {
            try LabBench.run(Array(words.dropFirst()))
            return
        }
        // Options after the topology land in `words` too (passthrough parsing).
        var groups = self.groups, rest: [String] = []
        var i = words.startIndex
        while i < words.endIndex {
            if words[i] == "--forward", i + 1 < words.endIndex { groups.append(words[i + 1]); i += 2; continue }
            if words[i].hasPrefix("--forward=") { groups.append(String(words[i].dropFirst(10))); i += 1; continue }
            rest.append(words[i]); i += 1
        }
        guard let name = rest.first else {
            print(Self.helpMessage())
            return
        }
        guard rest.count == 1 else { throw ValidationError("Unexpected arguments: \(rest.dropFirst().joined(separator: " ")).") }
        guard let t = Topology.named(name, forwarding: groups.isEmpty ? Topology.defaultForwardedGroups : groups) else {
            throw ValidationError("No topology \(name); there are: \(Topology.names.joined(separator: ", ")).")
        }
        if Lab.enclosingHosts() != nil {
            throw ValidationError("This shell is already inside a lab; exit it first.")
        }
        if case .unavailable(let reason) = Lab.availability(for: t) {
            FileHandle.standardError.write(Data((reason + "\n").utf8))
            throw ExitCode(2)
        }
        throw ExitCode(try LabSession(topology: t).run())
    }
}

/// `learn lab bench [RUNS]`: median bring-up + teardown of each topology, in ms.
private enum LabBench {
    static func run(_ args: [String]) throws {
        let runs = args.first.flatMap(Int.init) ?? 20
        for t in [Topology.link, Topology.router()] {
            if case .unavailable(let reason) = Lab.availability(for: t) {
                print("\(t.name): not run: \(reason)")
                throw ExitCode(2)
            }
            let timing = try Lab.benchmark(t, runs: runs)
            func ms(_ xs: [Double]) -> String { String(Int((LabTiming.median(xs) * 1000).rounded())) }
            print("\(t.name): bring-up+teardown median \(ms(timing.total)) ms (bring-up \(ms(timing.bringUp)) ms, teardown \(ms(timing.teardown)) ms; \(runs) runs)")
        }
    }
}

/// `learn lab exec <host> [--] CMD...`
private enum LabExec {
    static func run(_ args: [String]) throws -> Never {
        guard let host = args.first else { throw failure("usage: learn lab exec <host> -- <command> ...") }
        var argv = Array(args.dropFirst())
        if argv.first == "--" { argv.removeFirst() }
        if argv.isEmpty { argv = [ProcessInfo.processInfo.environment["SHELL"] ?? "/bin/sh"] }
        let full: [String]
        do {
            full = try Lab.enclosingCommand(on: host, argv)
        } catch LabError.shutDown {
            throw failure("the lab this shell was started in is gone.")
        } catch let e as LabError {
            throw failure(e.description)
        }
        // Replace this process, so the terminal, signals and exit status are CMD's.
        var cArgs: [UnsafeMutablePointer<CChar>?] = full.map { strdup($0) } + [nil]
        execv(full[0], &cArgs)
        throw failure("could not run \(full[0]): \(String(cString: strerror(errno)))")
    }

    /// One line on stderr and exit status 1 (a ValidationError would add the usage).
    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("learn lab exec: \(message)\n".utf8))
        return ExitCode(1)
    }
}

/// A stop signal and the lab it must end: whichever comes second acts.
private final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var lab: Lab?
    private var signal: Int32?

    /// True once a signal has been taken: the shell then dies with the lab, and the
    /// main thread must leave the exit (and its status) to the signal's handler.
    var stopping: Bool { lock.lock(); defer { lock.unlock() }; return signal != nil }

    func request(_ sig: Int32) {
        lock.lock(); signal = sig; let lab = self.lab; lock.unlock()
        if let lab { Self.stop(lab, sig) }
    }

    func attach(_ lab: Lab) {
        lock.lock(); self.lab = lab; let sig = signal; lock.unlock()
        if let sig { Self.stop(lab, sig) }
    }

    private static func stop(_ lab: Lab, _ sig: Int32) -> Never {
        lab.shutdown()
        FileHandle.standardError.write(Data("\nlearn lab: stopped; the lab has been removed.\n".utf8))
        exit(128 + sig)
    }
}

/// One `learn lab` session: bring-up, banner, shell, teardown (also on a signal).
private struct LabSession {
    let topology: Topology

    func run() throws -> Int32 {
        // Signals are taken by a dispatch source, so teardown runs on a normal thread
        // rather than in a signal handler. SIGINT/SIGQUIT from the terminal go to the
        // shell (an interactive shell has its own process group); if one reaches us
        // (Ctrl-C during bring-up, or a shell without job control), the lab goes.
        // One arriving during bring-up is kept until the lab exists, so that the lab
        // is then shut down rather than half made and abandoned.
        let stop = StopRequest()
        let sources = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { sig -> DispatchSourceSignal in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { stop.request(sig) }
            s.resume()
            return s
        }
        defer { sources.forEach { $0.cancel() } }
        let lab = try Lab.start(topology)
        defer { lab.shutdown() }
        stop.attach(lab)

        let first = lab.hosts[0]
        print(banner(lab, here: first.name))
        fflush(stdout)
        let shell = try Subprocess(lab.command(on: first.name, shellArgv(lab, host: first.name)),
                                   environment: environment(lab, host: first.name),
                                   stdin: .inherit, stdout: .inherit, stderr: .inherit,
                                   newProcessGroup: false)
        let result = shell.wait(timeout: .infinity)
        while stop.stopping { pause() }
        lab.shutdown()
        print("Lab \(topology.name) removed.")
        return result.status
    }

    func banner(_ lab: Lab, here: String) -> String {
        var lines = ["Lab \"\(topology.name)\": a private network that exists only for this shell (you are root only inside it)."]
        for h in lab.hosts {
            let ifaces = h.interfaces.map { "\($0.name) (index \($0.index)) \($0.ipv4)/\($0.ipv4Prefix) \($0.ipv6)/\($0.ipv6Prefix)" }
            let role = h.isRouter ? "  router" : ""
            let mark = h.name == here ? "  <- this shell" : ""
            lines.append("  \(h.name)\(role): " + ifaces.joined(separator: "; ") + mark)
        }
        if let r = topology.router {
            for route in r.routes {
                lines.append("  \(r.host) forwards \(route.groups.joined(separator: ", ")) from \(route.from) to \(route.to.joined(separator: ", ")) (smcrouted).")
            }
        }
        let other = lab.hosts.first { $0.name != here }?.name ?? here
        lines.append("Run a command on another host:  learn lab exec \(other) -- ip addr")
        lines.append("Leave with exit (or Ctrl-D); the lab is then removed.")
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
    /// than bash, and this program's folder first on PATH, so `learn lab exec` works
    /// inside even when `learn` was started by path.
    func environment(_ lab: Lab, host: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        lab.shellEnvironment(host: host).forEach { env[$0.key] = $0.value }
        env["PS1"] = "(lab \(topology.name):\(host)) \\$ "
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = (exe as NSString).deletingLastPathComponent
            env["PATH"] = dir + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        }
        return env
    }
}
