import Foundation

/// Work started on another thread now and waited for later: a build runs the learner's
/// compile beside the other steps (a compiler process each, one per core).
final class Background<Value: Sendable>: @unchecked Sendable {
    // `value` is written once before `done` is signalled and read only after waiting for it.
    private var value: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        // A thread of its own, not Dispatch's pool: the work blocks on a compiler for a second
        // or more, and the pool (as wide as the cores on Linux) adds threads late when its own
        // are blocked, which made parallel steps wait for each other.
        Thread.detachNewThread {
            self.value = Result { try work() }
            self.done.signal()
        }
    }

    /// Already finished work, for a step that did not need to run.
    private init(value: Value) {
        self.value = .success(value)
        done.signal()
    }

    static func finished(_ value: Value) -> Background { Background(value: value) }

    func wait() throws -> Value {
        done.wait()
        defer { done.signal() }
        return try value!.get()
    }
}
