import HostProcess
/// Timing of bring-up and teardown, for `learn lab bench` and scripts/bench-lab.
public struct LabTiming: Sendable {
    /// Seconds, one entry per run.
    public var bringUp: [Double]
    public var teardown: [Double]

    public var total: [Double] { zip(bringUp, teardown).map { $0 + $1 } }

    public static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

extension Lab {
    /// Brings `topology` up and shuts it down `runs` times. For the router, bring-up
    /// includes smcrouted having installed its routes (its PID file exists).
    public static func benchmark(_ topology: Topology, runs: Int) throws -> LabTiming {
        var timing = LabTiming(bringUp: [], teardown: [])
        for _ in 0..<runs {
            let t0 = MonotonicClock.now()
            let lab = try Lab.start(topology)
            let t1 = MonotonicClock.now()
            lab.shutdown()
            let t2 = MonotonicClock.now()
            timing.bringUp.append(t1 - t0)
            timing.teardown.append(t2 - t1)
        }
        return timing
    }
}
