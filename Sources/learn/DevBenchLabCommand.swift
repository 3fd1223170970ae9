import ArgumentParser
import NetLab

/// `learn dev bench-lab [<runs>]`: the median bring-up and teardown of each lab topology, in
/// ms, on the same code path as `learn lab` and the lab checks (scripts/bench-lab runs it).
struct DevBenchLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-lab", abstract: "Median bring-up + teardown time of each lab topology, in ms.")

    @Argument(help: "How many times each topology is brought up and torn down.") var runs = 20

    func validate() throws {
        if runs < 1 { throw ValidationError("<runs> must be at least 1") }
    }

    func run() throws {
        for name in Topology.names {
            guard let topology = Topology.named(name) else { continue }
            if case .unavailable(let reason) = Lab.availability(for: topology) {
                print("\(name): not run: \(reason)")
                throw ExitCode(1)
            }
            let timing = try Lab.benchmark(topology, runs: runs)
            func ms(_ xs: [Double]) -> String { String(Int((LabTiming.median(xs) * 1000).rounded())) }
            print("\(name): bring-up+teardown median \(ms(timing.total)) ms (bring-up \(ms(timing.bringUp)) ms, teardown \(ms(timing.teardown)) ms; \(runs) runs)")
        }
    }
}
