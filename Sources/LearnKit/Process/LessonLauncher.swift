import Foundation
import HostProcess
import NetLab

/// Starts a lesson program where its lesson says it belongs: on host A of a fresh lab
/// topology when the lesson declares `lab=NAME` in lessons/course.txt, else in the sandbox.
/// The program learns about the lab from its environment (see Sources/LessonSupport/Lab.swift):
///   LEARN_LAB=router  LEARN_LAB_HOSTS=A,R,B
///   LEARN_LAB_HOST_A=eth0,2,10.77.1.2,fd4c:6162:1::2;...   (interface, index, IPv4, IPv6)
///   LEARN_LAB_RUN_B=nsenter<US>-t<US>4242<US>...            (argv prefix that runs a program on B)
/// or, where no lab can run here, LEARN_LAB_UNAVAILABLE=<the reason>, so its lab checks
/// report "not run" while its loopback checks still run.
struct LessonLauncher {
    let sandbox: Sandbox

    struct Launched {
        let outcome: HostOutcome
        /// Why the program did not run in a private network, when it did not.
        let notice: String?
    }

    static let fieldSeparator = "\u{1F}"

    func run(_ process: HostCommand, for lesson: Lesson, timeLimit: Double, outputCap: Int = 1 << 20,
             onOutput: ((HostStream, [UInt8]) -> Void)? = nil) throws -> Launched {
        guard let name = lesson.labName else {
            let (outcome, mode) = try sandbox.run(process, timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput)
            return Launched(outcome: outcome, notice: mode.fallbackReason)
        }
        guard let topology = Topology.named(name) else {
            throw CourseError(message: "\(lesson.id) asks for an unknown lab topology \"\(name)\" (known: \(Topology.names.joined(separator: ", ")))")
        }
        var environment = process.environment
        environment["LEARN_LAB"] = name
        let availability = Lab.availability(for: topology, environment: environment)
        guard availability.isAvailable else {
            var unconfined = process
            unconfined.environment = environment
            unconfined.environment["LEARN_LAB_UNAVAILABLE"] = availability.reason ?? "the lab cannot run here"
            let (outcome, mode) = try sandbox.run(unconfined, timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput)
            return Launched(outcome: outcome, notice: mode.fallbackReason)
        }
        let lab = try Lab.start(topology, environment: environment)
        defer { lab.shutdown() }
        environment["LEARN_LAB_HOSTS"] = lab.hosts.map(\.name).joined(separator: ",")
        for host in lab.hosts {
            environment["LEARN_LAB_HOST_\(host.name)"] = host.interfaces
                .map { "\($0.name),\($0.index),\($0.ipv4),\($0.ipv6)" }.joined(separator: ";")
            environment["LEARN_LAB_RUN_\(host.name)"] = try lab.innerCommand(on: host.name, [])
                .joined(separator: LessonLauncher.fieldSeparator)
        }
        // The lab is a private network of its own: the program runs on its first host.
        var onFirstHost = process
        onFirstHost.environment = environment
        onFirstHost.arguments = try lab.command(on: lab.hosts[0].name, process.arguments)
        return Launched(outcome: try onFirstHost.run(timeLimit: timeLimit, outputCap: outputCap, onOutput: onOutput), notice: nil)
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
}

extension Sandbox.Mode {
    var fallbackReason: String? {
        if case .hostLoopback(let reason) = self { return reason }
        return nil
    }
}
