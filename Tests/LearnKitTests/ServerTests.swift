import Foundation
import XCTest
@testable import LearnKit

/// The harness's servers (Sources/LessonSupport/Servers.swift): a lesson that declares
/// `server=NAME` gets servers/NAME/launch started once, inside the check's private network,
/// and stopped (its folder removed) when the program ends; a server that cannot run makes
/// its checks "not run".
final class ServerTests: XCTestCase {
    /// A check that reports the server it got in its failure message: "pid=... root=... port=...".
    private let reportingCheck = """
    extension Harness {
        static let checks: [Check] = [
            Check("first", Text("first", ko: "첫째")) {
                let server = try Harness.server("fake")
                throw Failure(Text("pid=\\(server.pid) root=\\(server.root) port=\\(server.port)",
                                   ko: "pid=\\(server.pid) root=\\(server.root) port=\\(server.port)"))
            },
            Check("second", Text("second", ko: "둘째")) {
                let server = try Harness.server("fake")
                throw Failure(Text("pid=\\(server.pid) root=\\(server.root) port=\\(server.port)",
                                   ko: "pid=\\(server.pid) root=\\(server.root) port=\\(server.port)"))
            },
        ]
    }
    """

    private func course(launcher: String?) throws -> (CourseLocation, Lesson) {
        let (location, _) = try TestSupport.fixtureCourse(self, check: reportingCheck, exercise: "")
        try "01-fixture server=fake\n".write(to: location.root.appendingPathComponent("lessons/course.txt"),
                                             atomically: true, encoding: .utf8)
        if let launcher {
            let folder = location.root.appendingPathComponent("servers/fake")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("launch")
            try launcher.write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        }
        return (location, try Course(location: location).lessons[0])
    }

    func testAServerStartsOnceAndIsStoppedWithItsFolderRemoved() throws {
        // The server is found afterwards by a command line no other process has: its pid is
        // the PID namespace's, which means nothing outside it.
        let marker = "59.\(UInt32.random(in: 100_000...999_999))"
        let (location, lesson) = try course(launcher: """
        #!/bin/sh
        root=$(mktemp -d /tmp/learn-fake-XXXXXX)
        echo "PORT=4242 USER=u PASSWORD=p ROOT=$root"
        exec sleep \(marker) >/dev/null
        """)
        let report = try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.count, 2)
        let messages = report.checks.map(\.message)
        XCTAssertTrue(messages[0].hasPrefix("pid="), messages[0])
        XCTAssertEqual(messages[0], messages[1], "both checks must see the same server, started once")
        let fields = Dictionary(uniqueKeysWithValues: messages[0].split(separator: " ").map { field -> (String, String) in
            let parts = field.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        })
        XCTAssertEqual(fields["port"], "4242")
        XCTAssertNotNil(fields["pid"].flatMap { Int32($0) })
        let root = try XCTUnwrap(fields["root"])
        XCTAssertEqual(Self.processes(withArgument: marker), [], "the server is still running after the program ended")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root), "\(root) was not removed")
    }

    /// The pids of this machine's processes that have `argument` on their command line.
    private static func processes(withArgument argument: String) -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return pids.filter { pid in
            guard pid.allSatisfy(\.isNumber),
                  let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return line.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == argument }
        }
    }

    func testAMissingDependencyGivesNotRun() throws {
        let (location, lesson) = try course(launcher: """
        #!/bin/sh
        echo "MISSING=the fake server needs nothing that exists: sudo apt-get install nothing"
        """)
        let report = try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
        for check in report.checks {
            XCTAssertEqual(check.status, .notRun, check.message)
            XCTAssertTrue(check.message.contains("sudo apt-get install nothing"), check.message)
        }
    }

    func testAMissingLauncherGivesNotRun() throws {
        let (location, lesson) = try course(launcher: nil)
        let report = try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
        for check in report.checks {
            XCTAssertEqual(check.status, .notRun, check.message)
            XCTAssertTrue(check.message.contains("servers/fake/launch"), check.message)
        }
    }

    func testALauncherThatDiesEarlyGivesNotRun() throws {
        let (location, lesson) = try course(launcher: "#!/bin/sh\nexit 3\n")
        let report = try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)
        for check in report.checks {
            XCTAssertEqual(check.status, .notRun, check.message)
            XCTAssertTrue(check.message.contains("exited with status 3"), check.message)
        }
    }
}
