import XCTest
@testable import LearnKit

final class ProgressStoreTests: XCTestCase {
    func testRoundTrip() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let store = ProgressStore(file: folder.appendingPathComponent(".learn-state.json"))
        var state = ProgressState()
        state.current = "10-membership"
        state[lesson: "09-multicasting"].verdict = .passed
        state[lesson: "09-multicasting"].hintsShown = 2
        try store.save(state)
        let (loaded, damage) = store.load()
        XCTAssertNil(damage)
        XCTAssertEqual(loaded, state)
        // Written atomically: no temporary file is left beside it.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [".learn-state.json"])
    }

    func testMissingFileIsAFreshStart() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let (state, damage) = ProgressStore(file: folder.appendingPathComponent("none.json")).load()
        XCTAssertNil(damage)
        XCTAssertEqual(state, ProgressState())
    }

    func testDamagedFileIsReportedKeptAsideAndRebuilt() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let file = folder.appendingPathComponent(".learn-state.json")
        for damaged in ["{\"version\": 1, \"lessons\": {\"09\": {\"verdict\": \"maybe\"}}}", "\u{0}\u{1}garbage", "", "{\"version\": 7}"] {
            try damaged.write(to: file, atomically: true, encoding: .utf8)
            let store = ProgressStore(file: file)
            let (state, damage) = store.load()
            XCTAssertNotNil(damage, "not reported: \(damaged)")
            XCTAssertEqual(state, ProgressState())
            XCTAssertEqual(try String(contentsOf: file.appendingPathExtension("damaged"), encoding: .utf8), damaged)
            try store.save(state)
            XCTAssertNil(store.load().damage)
        }
    }
}
