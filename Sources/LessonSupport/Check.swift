import Glibc

extension Harness {
    /// One named check of a lesson. `run` executes in a forked child process of its own, so a
    /// crash, a hang or a flood of output in the learner's code fails this check only.
    struct Check {
        let id: String
        let name: Text
        let run: () throws -> Void

        init(_ id: String, _ name: Text, run: @escaping () throws -> Void) {
            self.id = id
            self.name = name
            self.run = run
        }
    }

    /// Thrown to fail the current check; the message says what was expected and what happened.
    struct Failure: Error {
        let message: Text
        init(_ message: Text) { self.message = message }
    }

    /// Thrown when the check cannot run on this machine (no private network, a server missing).
    /// It is reported as "not run", never as passed.
    struct NotRun: Error {
        let reason: Text
        init(_ reason: Text) { self.reason = reason }
    }

    /// Fails the current check with `message` unless `condition` holds.
    static func expect(_ condition: Bool, _ message: @autoclosure () -> Text) throws {
        if !condition { throw Failure(message()) }
    }

    /// Runs `body`, turning an error thrown by the learner's code into a failure that names it.
    static func learnerCall<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(Text("\(what) threw \(error).", ko: "\(what)이(가) 오류를 던졌습니다: \(error)."))
        }
    }
}
