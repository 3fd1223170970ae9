import Foundation
import Synchronization
import XCTest
@testable import LearnKit

/// Exit codes (0 ok, 1 a failed check or an error, 2 every usage error) and the plain
/// sentences `learn` prints for files it cannot use, on a temporary copy of the course.
final class ExitStatusTests: XCTestCase {
    private var copy: CourseCopy!

    override func setUpWithError() throws {
        copy = try CourseCopy(self)
    }

    func testEveryUsageErrorExitsTwo() throws {
        let usage: [[String]] = [
            ["check", "--format", "xml"],            // the argument parser's own (64 without the mapping)
            ["check", "--timeout", "nan"], ["check", "--timeout", "inf"], ["check", "--timeout", "0"],
            ["check", "--timeout=-1"], ["check", "--timeout", "soon"],
            ["list", "--no-such-option"], ["run", "--lang", "fr", "09"],
            ["run", "no-such-lesson"],                // learn's own
            ["reset", "09"],                          // off a terminal without --yes
        ]
        for arguments in usage {
            let run = try copy.learn(arguments)
            XCTAssertEqual(run.status, 2, "learn \(arguments.joined(separator: " ")): \(run.stderr)")
            XCTAssertFalse(run.stderr.isEmpty, "learn \(arguments.joined(separator: " ")) said nothing")
        }
    }

    func testHelpIsNoError() throws {
        let help = try copy.learn("check", "--help")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--timeout <seconds>"), help.stdout)
        XCTAssertTrue(help.stderr.isEmpty, help.stderr)
    }

    func testAFailedCheckExitsOne() throws {
        let run = try copy.learn("check", "09")
        XCTAssertEqual(run.status, 1, run.stderr)
    }

    func testFilesThatAreNoFilesGetAPlainSentence() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let fifo = folder.appendingPathComponent("lesson.md")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        let cases = [(folder.path, "is a folder"), (fifo.path, "named pipe (FIFO)"), ("/dev/null", "is a device"),
                     (folder.appendingPathComponent("none.md").path, "does not exist")]
        for (path, words) in cases {
            let run = try copy.learn("preview", "--no-pager", path)
            XCTAssertEqual(run.status, 2, path)
            XCTAssertTrue(run.stderr.contains(words), "\(path): \(run.stderr)")
            XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain") || run.stderr.contains("permission"), run.stderr)
        }

        // An exercise that became a folder: named, with the way back.
        let exercise = copy.root.appendingPathComponent("exercises/09-multicasting.swift")
        try FileManager.default.removeItem(at: exercise)
        try FileManager.default.createDirectory(at: exercise, withIntermediateDirectories: false)
        for command in ["check", "try"] {
            let run = try copy.learn(command, "09")
            XCTAssertEqual(run.status, 1, command)
            XCTAssertTrue(run.stderr.contains("exercises/09-multicasting.swift is a folder"), run.stderr)
            XCTAssertTrue(run.stderr.contains("learn reset 09-multicasting"), run.stderr)
        }
    }

    /// Four `learn hint` at once are four hints seen: each update is a read-modify-write under a lock.
    func testConcurrentLearnProcessesKeepEachOthersProgress() throws {
        let runs = 4
        let statuses = Mutex([Int32](repeating: -1, count: runs))
        let copy = self.copy!
        DispatchQueue.concurrentPerform(iterations: runs) { index in
            let status = (try? copy.learn("hint", "09"))?.status ?? -1
            statuses.withLock { $0[index] = status }
        }
        XCTAssertEqual(statuses.withLock { $0 }, [Int32](repeating: 0, count: runs))
        let state = ProgressStore(file: copy.stateFile).load().state
        XCTAssertEqual(state[lesson: "09-multicasting"].hintsShown, runs)
    }

    /// Progress that cannot be read is reported and left alone, never saved over.
    func testAnUnreadableStateFileIsNeverSavedOver() throws {
        try FileManager.default.createDirectory(at: copy.stateFile, withIntermediateDirectories: false)
        let run = try copy.learn("hint", "09")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("Cannot read your progress"), run.stderr)
        XCTAssertTrue(run.stderr.contains("it is a directory"), run.stderr)
        XCTAssertEqual(run.stderr.components(separatedBy: "Cannot").count - 1, 1, "said more than once: \(run.stderr)")
        let korean = try copy.learn("hint", "09", "--lang", "ko")
        XCTAssertTrue(korean.stderr.contains("진행 상황 파일을 읽을 수 없습니다") && korean.stderr.contains("(폴더임)"), korean.stderr)
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.stateFile.path, isDirectory: &isFolder) && isFolder.boolValue)
    }
}
