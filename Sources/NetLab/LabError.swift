/// Why a lab could not do what was asked.
public enum LabError: Error, Equatable, CustomStringConvertible {
    /// The machine cannot run labs: the reason says what is missing and how to allow it.
    case unavailable(reason: String)
    /// The topology's data is not something the lab can build safely.
    case invalidTopology(String)
    /// The lab did not come up; the text is what the bring-up printed.
    case bringUpFailed(String)
    case noSuchHost(String)
    case spawnFailed(String)
    /// The lab was already shut down.
    case shutDown

    public var description: String {
        switch self {
        case .unavailable(let reason): return reason
        case .invalidTopology(let s): return "invalid topology: \(s)"
        case .bringUpFailed(let s): return "the network lab did not come up: \(s)"
        case .noSuchHost(let h): return "the lab has no host \(h)"
        case .spawnFailed(let s): return "could not start a program: \(s)"
        case .shutDown: return "the lab has been shut down"
        }
    }
}
