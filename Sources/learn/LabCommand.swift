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
