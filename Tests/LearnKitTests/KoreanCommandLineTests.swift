import Foundation
import HostProcess
import TerminalMarkdown
import XCTest
@testable import LearnKit

/// The command line in the learner's language: help, the parser's usage errors and the
/// course-not-found message follow --lang (before or after the command), LEARN_LANG and the
/// locale, and help fits the terminal by display columns.
final class KoreanCommandLineTests: XCTestCase {
    private var copy: CourseCopy!

    override func setUpWithError() throws { copy = try CourseCopy(self) }

    private func assertFits(_ text: String, _ width: Int, file: StaticString = #filePath, line: UInt = #line) {
        for row in text.split(separator: "\n") where TextWidth.columns(String(row)) > width {
            XCTFail("wider than \(width) columns: \(row)", file: file, line: line)
        }
    }

    /// The text without its wrapping.
    private func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    func testRootHelpInKoreanByEveryWayOfChoosing() throws {
        let ways: [([String], [String: String])] = [
            (["--help"], ["LEARN_LANG": "ko"]), (["--help"], ["LANG": "ko_KR.UTF-8"]),
            (["--help", "--lang", "ko"], [:]), (["--lang", "ko", "--help"], [:]), (["help", "--lang", "ko"], [:]),
            (["--help", "--lang", "ko"], ["LEARN_LANG": "en"]),
        ]
        for (arguments, environment) in ways {
            let run = try copy.learn(arguments, environment: environment)
            XCTAssertEqual(run.status, 0, "\(arguments) \(environment): \(run.stderr)")
            XCTAssertTrue(run.stdout.contains("개요: Swift로 배우는 네트워크 프로그래밍"), "\(arguments) \(environment): \(run.stdout)")
            XCTAssertTrue(run.stdout.contains("하위 명령:") && run.stdout.contains("종료 상태"), run.stdout)
            XCTAssertFalse(run.stdout.contains("Show help information"), run.stdout)
        }
        let english = try copy.learn(["--help", "--lang", "en"], environment: ["LEARN_LANG": "ko"])
        XCTAssertTrue(english.stdout.contains("OVERVIEW: A course in network programming"), english.stdout)
    }

    func testEverySubcommandsHelpIsKorean() throws {
        for command in ["list", "run", "watch", "check", "hint", "try", "solution", "edit", "reset", "welcome", "preview"] {
            let run = try copy.learn([command, "--help", "--lang", "ko"])
            XCTAssertEqual(run.status, 0, "\(command): \(run.stderr)")
            XCTAssertTrue(run.stdout.hasPrefix("개요: "), "\(command): \(run.stdout)")
            XCTAssertTrue(run.stdout.contains("레슨과 메시지의 언어"), "\(command): \(run.stdout)")
            // No English sentence: the only Latin words left are names (options, values, variables).
            for english in ["Show help", "The lesson", "Print ", "(default", "OPTIONS:", "USAGE:"] {
                XCTAssertFalse(run.stdout.contains(english), "\(command) --help says \(english): \(run.stdout)")
            }
        }
        let help = try copy.learn(["help", "check"], environment: ["LEARN_LANG": "ko"])
        XCTAssertTrue(help.stdout.contains("연습 문제를 검사합니다"), help.stdout)
    }

    func testHelpFitsNarrowAndWideTerminals() throws {
        for width in [40, 100] {
            for arguments in [["--help"], ["check", "--help"], ["watch", "--help"]] {
                let run = try copy.learn(arguments + ["--lang", "ko"], environment: ["COLUMNS": "\(width)"])
                assertFits(run.stdout, width)
                let english = try copy.learn(arguments, environment: ["COLUMNS": "\(width)"])
                assertFits(english.stdout, width)
            }
        }
    }

    func testUsageErrorsAreKoreanAndExit2() throws {
        let cases: [([String], String)] = [
            (["check", "--format", "xml"], "'--format <format>'에 쓸 수 없는 값: 'xml'. 다음 중 하나를 쓰세요: 'text', 'json'"),
            (["check", "--bogus"], "알 수 없는 옵션: '--bogus'"),
            (["check", "--timeout"], "'--timeout <seconds>'에 값이 없습니다"),
            (["list", "--plain=yes"], "'--plain' 옵션은 값을 받지 않는데"),
            (["reset"], "레슨이나 --all을 쓰세요"),
            (["check", "--lang", "fr"], "--lang에는 en 또는 ko를 쓰세요"),
        ]
        for (arguments, korean) in cases {
            for lang in [["--lang", "ko"], []] where !arguments.contains("--lang") || lang.isEmpty {
                let run = try copy.learn(lang + arguments, environment: lang.isEmpty ? ["LEARN_LANG": "ko"] : [:])
                XCTAssertEqual(run.status, 2, "\(lang + arguments): \(run.stderr)")
                XCTAssertTrue(run.stderr.hasPrefix("오류: "), "\(lang + arguments): \(run.stderr)")
                XCTAssertTrue(words(run.stderr).contains(words(korean)), "\(lang + arguments): \(run.stderr)")
                XCTAssertTrue(run.stderr.contains("사용법: learn "), run.stderr)
                XCTAssertTrue(run.stdout.isEmpty, run.stdout)
            }
        }
        let english = try copy.learn(["check", "--format", "xml"])
        XCTAssertEqual(english.status, 2)
        XCTAssertTrue(english.stderr.hasPrefix("Error: The value 'xml' is invalid for '--format <format>'"), english.stderr)
    }

    func testAMistypedCommandNamesTheNearest() throws {
        let korean = try copy.learn(["--lang", "ko", "chekc", "09"])
        XCTAssertEqual(korean.status, 2, korean.stderr)
        XCTAssertTrue(korean.stderr.contains("알 수 없는 명령: 'chekc' ('check' 명령을 뜻했나요?)"), korean.stderr)
        let english = try copy.learn(["lsit"])
        XCTAssertEqual(english.status, 2, english.stderr)
        XCTAssertTrue(english.stderr.contains("unknown command 'lsit' (did you mean 'list'?)"), english.stderr)
        let lesson = try copy.learn(["09"])
        XCTAssertTrue(lesson.stderr.contains("unknown command '09' (did you mean 'run 09-multicasting'?)"), lesson.stderr)
        let helpOfHelp = try copy.learn(["help", "help", "--lang", "ko"])
        XCTAssertTrue(helpOfHelp.stdout.hasPrefix("개요: 하위 명령의 도움말을 보여 줍니다."), helpOfHelp.stdout)
    }

    func testTheLanguageOptionBeforeTheCommand() throws {
        let list = try copy.learn(["--lang", "ko", "list"])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.contains("시작 전"), list.stdout)
        let colour = try copy.learn(["--color", "always", "--lang=ko", "list"])
        XCTAssertTrue(colour.stdout.contains("\u{1B}["), colour.stdout)
        let home = try copy.learn(["--lang", "ko"])
        XCTAssertTrue(home.stdout.contains("환영합니다"), home.stdout)
    }

    func testABrokenManifestIsNamedInTheLearnersLanguage() throws {
        let manifest = copy.root.appendingPathComponent("lessons/course.txt")
        try "09-multicasting gpu=yes\n".write(to: manifest, atomically: true, encoding: .utf8)
        let korean = try copy.learn(["list", "--lang", "ko"])
        XCTAssertEqual(korean.status, 1, korean.stderr)
        XCTAssertTrue(korean.stderr.contains("lessons/course.txt 1번째 줄: 알 수 없는 요구 사항 \"gpu=yes\""), korean.stderr)
        let english = try copy.learn(["list"])
        XCTAssertTrue(english.stderr.contains("lessons/course.txt line 1: unknown requirement \"gpu=yes\""), english.stderr)
    }

    /// A `learn` that is neither in a course nor started inside one.
    func testCourseNotFoundInKorean() throws {
        let folder = try TestSupport.temporaryFolder(self)
        let binary = folder.appendingPathComponent("learn")
        try FileManager.default.linkItem(at: URL(fileURLWithPath: copy.binary), to: binary)
        var environment = copy.environment(["LEARN_LANG": "ko"])
        environment["LEARN_HOME"] = nil
        let outcome = try HostCommand(["/bin/sh", "-c", "cd \"$1\" && exec ./learn list", "sh", folder.path], environment: environment)
            .run(timeLimit: 60)
        XCTAssertEqual(outcome.termination, .exited(1), outcome.stderrText)
        XCTAssertTrue(outcome.stderrText.contains("과정을 찾을 수 없습니다"), outcome.stderrText)
    }
}
