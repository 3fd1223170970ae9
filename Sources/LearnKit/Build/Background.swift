import Foundation

/// Work started on another thread now and waited for later: a build runs the learner's
/// compile beside the other steps (a compiler process each, one per core).
final class Background<Value: Sendable>: @unchecked Sendable {
    // `value` is written once before `done` is signalled and read only after waiting for it.
    private var value: Result<Value, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.value = Result { try work() }
            self.done.signal()
        }
    }

    /// Already finished work, for a step that did not need to run.
    init(finished: Value) {
        value = .success(finished)
        done.signal()
    }

    func wait() throws -> Value {
        done.wait()
        defer { done.signal() }
        return try value!.get()
    }
}
