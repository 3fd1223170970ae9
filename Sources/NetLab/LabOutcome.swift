import Foundation

/// What a check that needs a lab gets: its body's result, or the reason it did not
/// run. A check that did not run is never a pass.
public enum LabOutcome<T> {
    case ran(T)
    case notRun(reason: String)

    public var reason: String? {
        if case .notRun(let r) = self { return r }
        return nil
    }
}

extension Lab {
    /// Starts `topology`, runs `body` in it and always shuts the lab down. Where labs
    /// cannot run (no user namespaces, a tool missing, LEARN_NO_NAMESPACES=1) or the
    /// lab does not come up, `body` is not called and the outcome is `.notRun`.
    public static func attempt<T>(_ topology: Topology,
                                  environment: [String: String] = ProcessInfo.processInfo.environment,
                                  _ body: (Lab) throws -> T) throws -> LabOutcome<T> {
        let lab: Lab
        do {
            lab = try start(topology, environment: environment)
        } catch let e as LabError {
            return .notRun(reason: e.description)
        }
        defer { lab.shutdown() }
        return .ran(try body(lab))
    }
}
