import Foundation
import HostProcess
import NetLab

/// Starts a lesson program where its placement says (see `Sandbox`): on host A of a fresh lab
/// topology when the lesson declares `lab=NAME` in lessons/course.txt and labs run here, else
/// in a private network of its own, else (the host fallback) on this machine's network.
/// The program learns about the lab from its environment (see Sources/LessonSupport/Lab.swift):
///   LEARN_LAB=router  LEARN_LAB_HOSTS=A,R,B
///   LEARN_LAB_HOST_A=eth0,2,10.77.1.2,fd4c:6162:1::2;...   (interface, index, IPv4, IPv6)
///   LEARN_LAB_RUN_B=nsenter<US>-t<US>4242<US>...            (argv prefix that runs a program on B)
/// or, where no lab can run here, LEARN_LAB_UNAVAILABLE=<the reason>, so its lab checks
/// report "not run" while its loopback checks still run.
///
/// In the host fallback, a lesson that declares `sends=multicast` or `sends=broadcast` does not
/// run its learner code at all: its demo is not started, and its check program only reports
/// every check not run (LEARN_NOT_RUN), so a wrong program cannot reach a real network.
///
/// Every lesson program runs under resource limits (`Limits`), set just before exec.
struct LessonLauncher {
    let sandbox: Sandbox
    let language: Language

    enum Program { case check, demo }

    struct Launched {
        /// Nil when the program was not started (a demo that sends, in the host fallback).
        let outcome: HostOutcome?
        /// Why the program did not run in a private network, when it did not.
        let notice: String?
        /// Why the program's learner code was not run, when it was not.
        let notRun: String?
    }

    static let fieldSeparator = "\u{1F}"

    func run(_ process: HostCommand, _ program: Program, for lesson: Lesson, deadline: () -> Double,
             cpuSeconds: Double, outputCap: Int = 1 << 20,
             onOutput: ((HostStream, [UInt8]) -> Void)? = nil) throws -> Launched {
        let words = Words(language)
        var topology: Topology?
        if let name = lesson.labName {
            guard let named = Topology.named(name) else {
                throw CourseError(message: "\(lesson.id) asks for an unknown lab topology \"\(name)\" (known: \(Topology.names.joined(separator: ", ")))")
            }
            topology = named
        }
        var process = process
        process.limits = Limits.forLessonPrograms(cpuSeconds: cpuSeconds)
        Limits.describe(cpuSeconds: cpuSeconds, in: &process.environment)
        if let name = lesson.labName { process.environment["LEARN_LAB"] = name }
        let placement = sandbox.placement(lab: topology)
        var notice = placement.hostReason.map(words.hostFallback)
        if let refusal = placement.hostReason, !lesson.sends.isEmpty {
            // None of the learner's code runs: the notice says why there is no private network.
            let reason = words.sendsNotRun(lesson.sends)
            notice = words.noPrivateNetwork(refusal)
            guard program == .check else { return Launched(outcome: nil, notice: notice, notRun: reason + " " + words.refusal(refusal)) }
            process.environment["LEARN_NOT_RUN"] = reason
        }
        switch placement {
        case .lab(let topology):
            let outcome = try runInLab(process, topology, deadline: deadline, outputCap: outputCap, onOutput: onOutput)
            return Launched(outcome: outcome, notice: nil, notRun: nil)
        case .privateNetwork(let labMissing):
            if let labMissing { process.environment["LEARN_LAB_UNAVAILABLE"] = words.refusal(labMissing) }
        case .host(let refusal):
            if topology != nil { process.environment["LEARN_LAB_UNAVAILABLE"] = words.refusal(refusal) }
        }
        process.isolation = placement.confinement
        let outcome = try process.run(deadline: deadline, outputCap: outputCap, onOutput: onOutput)
        return Launched(outcome: outcome, notice: notice, notRun: nil)
    }

    private func runInLab(_ process: HostCommand, _ topology: Topology, deadline: () -> Double, outputCap: Int,
                          onOutput: ((HostStream, [UInt8]) -> Void)?) throws -> HostOutcome {
        var environment = process.environment
        let lab = try Lab.start(topology, environment: environment)
        defer { lab.shutdown() }
        environment["LEARN_LAB_HOSTS"] = lab.hosts.map(\.name).joined(separator: ",")
        for host in lab.hosts {
            environment["LEARN_LAB_HOST_\(host.name)"] = host.interfaces
                .map { "\($0.name),\($0.index),\($0.ipv4),\($0.ipv6)" }.joined(separator: ";")
            environment["LEARN_LAB_RUN_\(host.name)"] = try lab.innerCommand(on: host.name, [])
                .joined(separator: LessonLauncher.fieldSeparator)
        }
        // The lab is a private network of its own, in a PID namespace that ends with it: the
        // program runs on its first host.
        var onFirstHost = process
        onFirstHost.environment = environment
        onFirstHost.arguments = try lab.command(on: lab.hosts[0].name, process.arguments)
        return try onFirstHost.run(deadline: deadline, outputCap: outputCap, onOutput: onOutput)
    }
}

/// A mistake in the course itself (its manifest or a lesson's files), not the learner's.
public struct CourseError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

extension Lesson {
    /// The lab topology the lesson's demo and checks run on, if any.
    public var labName: String? {
        for requirement in requirements { if case .lab(let name) = requirement { return name } }
        return nil
    }

    /// What the lesson's learner code sends that must stay in a private network
    /// ("multicast", "broadcast"), from `sends=` in lessons/course.txt.
    public var sends: [String] {
        requirements.flatMap { requirement -> [String] in
            if case .sends(let kinds) = requirement { return kinds }
            return []
        }
    }
}
