import ArgumentParser
import Dispatch
import Foundation
import NetLab
#if canImport(Glibc)
import Glibc
#endif

/// `learn lab bench [RUNS]`: median bring-up + teardown of each topology, in ms.
enum LabBench {
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
