import Foundation
import XCTest
@testable import LearnKit

final class ProgressStoreTests: XCTestCase {
    private func store(_ folder: URL) -> ProgressStore {
        ProgressStore(file: folder.appendingPathComponent(".learn-state.json"))
    }

    func testRoundTrip() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let store = store(folder)
        var state = ProgressState()
        state.current = "10-membership"
        state[lesson: "09-multicasting"].verdict = .passed
        state[lesson: "09-multicasting"].hintsShown = 2
        try store.save(state)
        let (loaded, problem) = store.load()
        XCTAssertNil(problem)
        XCTAssertEqual(loaded, state)
        // Written atomically: no temporary file is left beside it.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [".learn-state.json"])
    }

    func testMissingFileIsAFreshStart() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let (state, problem) = store(folder).load()
        XCTAssertNil(problem)
        XCTAssertEqual(state, ProgressState())
    }

    func testDamagedFileIsReportedKeptAsideAndRebuilt() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let store = store(folder)
        for damaged in ["\u{0}\u{1}garbage", "", "[1, 2]", "{\"version\": 7}", "{\"version\": \"one\"}"] {
            try damaged.write(to: store.file, atomically: true, encoding: .utf8)
            let (state, problem) = store.load()
            guard case .damaged? = problem else { return XCTFail("not reported as damaged: \(damaged)") }
            XCTAssertEqual(state, ProgressState())
            XCTAssertEqual(try String(contentsOf: store.damagedCopy, encoding: .utf8), damaged)
            try store.update { $0.current = "09-multicasting" }
            XCTAssertNil(store.load().problem)
        }
    }

    /// One field of the wrong type costs that field only; a missing key takes its default and
    /// an unknown one is ignored.
    func testEveryReadableFieldIsKept() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let store = store(folder)
        try """
            {"current": "11-ttl", "future": {"x": 1},
             "lessons": {"09": {"verdict": "maybe", "hintsShown": 3},
                         "10": {"verdict": "passed", "notRun": true},
                         "11": {"hintsShown": 2.5, "colour": "red"},
                         "12": "nonsense"}}
            """.write(to: store.file, atomically: true, encoding: .utf8)
        let (state, problem) = store.load()
        XCTAssertEqual(problem, .damaged(reason: .unreadableFields(["lessons.09.verdict", "lessons.10.notRun", "lessons.11.hintsShown", "lessons.12"])))
        XCTAssertEqual(state.current, "11-ttl")
        XCTAssertEqual(state[lesson: "09"].hintsShown, 3)
        XCTAssertNil(state[lesson: "09"].verdict)
        XCTAssertEqual(state[lesson: "10"].verdict, .passed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.damagedCopy.path))

        try #"{"lessons": {"09": {"verdict": "failed"}}}"#.write(to: store.file, atomically: true, encoding: .utf8)
        let (partial, none) = store.load()
        XCTAssertNil(none, "missing keys are no damage")
        XCTAssertEqual(partial[lesson: "09"].verdict, .failed)
    }

    /// A state file that cannot be read is reported and never saved over.
    func testUnreadableFileIsLeftAlone() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let store = store(folder)
        try FileManager.default.createDirectory(at: store.file, withIntermediateDirectories: false)
        try "keep me".write(to: store.file.appendingPathComponent("inside"), atomically: true, encoding: .utf8)
        XCTAssertEqual(store.load().problem, .unreadable(reason: .directory))
        XCTAssertThrowsError(try store.update { $0.current = "x" })
        XCTAssertEqual(try String(contentsOf: store.file.appendingPathComponent("inside"), encoding: .utf8), "keep me")

        // A FIFO would block an open() for reading forever: it is refused without opening it.
        try FileManager.default.removeItem(at: store.file)
        XCTAssertEqual(mkfifo(store.file.path, 0o644), 0)
        XCTAssertEqual(store.load().problem, .unreadable(reason: .fifo))
        XCTAssertThrowsError(try store.update { $0.current = "x" })
        var info = stat()
        XCTAssertEqual(stat(store.file.path, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the FIFO was replaced")

        // Permissions only stop an ordinary user (root reads anything).
        guard getuid() != 0 else { return }
        try FileManager.default.removeItem(at: store.file)
        try #"{"current": "09"}"#.write(to: store.file, atomically: true, encoding: .utf8)
        chmod(store.file.path, 0)
        guard case .unreadable? = store.load().problem else { return XCTFail("an unreadable file read as fine") }
        XCTAssertThrowsError(try store.update { $0.current = "x" })
        chmod(store.file.path, 0o644)
        XCTAssertEqual(store.load().state.current, "09")
    }

    /// Updates from many writers at once are all kept: each is a read-modify-write under the lock.
    func testConcurrentUpdatesAreNotLost() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let writers = 8, rounds = 25
        DispatchQueue.concurrentPerform(iterations: writers) { _ in
            // A store of its own per writer, as separate processes have.
            let store = ProgressStore(file: folder.appendingPathComponent(".learn-state.json"))
            for _ in 0..<rounds { try? store.update { $0[lesson: "09"].hintsShown += 1 } }
        }
        XCTAssertEqual(store(folder).load().state[lesson: "09"].hintsShown, writers * rounds)
    }
}
