import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process groups `learn` has started and not yet reaped. On Ctrl-C (or SIGTERM) they are
/// killed before `learn` exits: children run in groups of their own, so the terminal's SIGINT
/// does not reach them by itself.
public final class RunningChildren: @unchecked Sendable {
    public static let shared = RunningChildren()
    private let lock = NSLock()
    private var groups: Set<pid_t> = []
    private var sources: [DispatchSourceSignal] = []

    func add(_ pid: pid_t) { lock.lock(); groups.insert(pid); lock.unlock() }
    func remove(_ pid: pid_t) { lock.lock(); groups.remove(pid); lock.unlock() }

    public func killAll() {
        lock.lock(); let all = groups; lock.unlock()
        for group in all { kill(-group, SIGKILL) }
    }

    /// Makes SIGINT and SIGTERM kill the children, run `cleanup` hooks, then exit 130 / 143.
    public func installSignalHandlers(cleanup: @escaping () -> Void = {}) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in
                self?.killAll()
                cleanup()
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
