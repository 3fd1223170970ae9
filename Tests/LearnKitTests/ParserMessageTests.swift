import ArgumentParser
import XCTest
@testable import LearnKit

/// Every message shape of swift-argument-parser (1.8) that the learner can meet, produced by the
/// real parser, then translated: the English must be the shape Words+Parser knows (so a parser
/// that words it differently fails here), and the Korean must keep no English of it.
final class ParserMessageTests: XCTestCase {
    private enum Two: String, ExpressibleByArgument, CaseIterable { case text, json }
    private enum Three: String, ExpressibleByArgument, CaseIterable { case red, green, blue }
    private enum Six: String, ExpressibleByArgument, CaseIterable { case a, b, c, d, e, f }
    private enum Speed: String, EnumerableFlag { case fast, slow }

    private struct Sample: ParsableCommand {
        @Option(help: "Output format.") var format: Two = .text
        @Option var colour: Three = .red
        @Option var letter: Six = .a
        @Option(help: "How many.") var count: Int = 1
        @Option(name: .short) var x: String?
        @Flag(name: .shortAndLong) var verbose = false
        @Flag(exclusivity: .exclusive) var speed: Speed = .fast
        @Argument(help: "A name.") var name: String
    }

    private struct Required: ParsableCommand {
        @Flag var speed: Speed
    }

    private struct Numbered: ParsableCommand {
        @Argument var number: Int
    }

    private struct Group: ParsableCommand {
        static let configuration = CommandConfiguration(subcommands: [Leaf.self, Other.self], defaultSubcommand: Leaf.self)
        struct Leaf: ParsableCommand { static let configuration = CommandConfiguration(abstract: "A leaf.") }
        struct Other: ParsableCommand { static let configuration = CommandConfiguration(abstract: "Another.") }
    }

    private func english<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) -> String {
        do {
            _ = try type.parseAsRoot(arguments)
            XCTFail("\(arguments) parsed")
            return ""
        } catch {
            return type.fullMessage(for: error, columns: HelpLayout.unwrapped)
        }
    }

    /// The parser's message for `arguments` holds `shape`; in Korean it holds `korean` and
    /// none of `shape`'s words.
    private func check(_ arguments: [String], english shape: String, korean: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        check(Sample.self, arguments, english: shape, korean: korean, file: file, line: line)
    }

    private func check<C: ParsableCommand>(_ type: C.Type, _ arguments: [String], english shape: String,
                                           korean: String, file: StaticString = #filePath, line: UInt = #line) {
        let message = english(type, arguments)
        XCTAssertTrue(message.contains(shape), "the parser no longer says \"\(shape)\": \(message)", file: file, line: line)
        let translated = Words(.korean).parserMessage(message)
        XCTAssertTrue(translated.contains(korean), "\(translated)", file: file, line: line)
        XCTAssertFalse(translated.contains(shape), "left in English: \(translated)", file: file, line: line)
        for frame in ["Error:", "Usage:", "See '", "Help:"] {
            XCTAssertFalse(translated.contains(frame), "\(frame) left in English: \(translated)", file: file, line: line)
        }
        XCTAssertEqual(Words(.english).parserMessage(message), message, file: file, line: line)
    }

    func testUnknownOption() {
        check(["n", "--bogus"], english: "Unknown option '--bogus'", korean: "오류: 알 수 없는 옵션: '--bogus'")
        check(["n", "--formt", "json"], english: "Unknown option '--formt'. Did you mean '--format'?",
              korean: "알 수 없는 옵션: '--formt' ('--format' 옵션을 뜻했나요?)")
    }

    func testMissingValue() {
        check(["n", "--count"], english: "Missing value for '--count <count>'", korean: "'--count <count>'에 값이 없습니다")
    }

    func testMissingValueOrUnknownComposite() {
        check(["n", "-vx"], english: "   or: Missing value for '-x <x>' in '-vx'",
              korean: "   또는: '-vx' 안에서 '-x <x>'에 값이 없습니다")
    }

    func testFlagGivenAValue() {
        check(["n", "--verbose=3"], english: "The option '--verbose' does not take any value, but '3' was specified.",
              korean: "'--verbose' 옵션은 값을 받지 않는데 값 '3'도 함께 주어졌습니다.")
    }

    func testUnexpectedArguments() {
        check(["n", "m"], english: "Unexpected argument 'm'", korean: "예상하지 못한 인자: 'm'")
        check(["n", "m", "o"], english: "2 unexpected arguments: 'm', 'o'", korean: "예상하지 못한 인자 2개: 'm', 'o'")
    }

    func testExclusiveFlagsTwice() {
        check(["n", "--fast", "--slow"], english: "Value to be set with flag '--slow' had already been set with flag '--fast'",
              korean: "같은 값을 두 번 정했습니다: 먼저 플래그 '--fast', 다시 플래그 '--slow'")
    }

    func testMissingArguments() {
        check([], english: "Missing expected argument '<name>'", korean: "필요한 인자가 없습니다: '<name>'")
        check(Required.self, [], english: "Missing one of: '--fast', '--slow'", korean: "다음 중 하나가 필요합니다: '--fast', '--slow'")
    }

    func testInvalidValues() {
        check(["n", "--format", "xml"], english: "The value 'xml' is invalid for '--format <format>'. Please provide one of 'text' and 'json'.",
              korean: "'--format <format>'에 쓸 수 없는 값: 'xml'. 다음 중 하나를 쓰세요: 'text', 'json'")
        check(["n", "--colour", "pink"], english: "The value 'pink' is invalid for '--colour <colour>'. Please provide one of 'red', 'green' or 'blue'.",
              korean: "다음 중 하나를 쓰세요: 'red', 'green', 'blue'")
        check(["n", "--letter", "z"], english: "The value 'z' is invalid for '--letter <letter>'. Please provide one of the following:\n  - a\n",
              korean: "'--letter <letter>'에 쓸 수 없는 값: 'z'. 다음 중 하나를 쓰세요:\n  - a\n  - b")
        check(["n", "--count", "many"], english: "The value 'many' is invalid for '--count <count>'",
              korean: "'--count <count>'에 쓸 수 없는 값: 'many'")
        check(Numbered.self, ["x"], english: "The value 'x' is invalid for '<number>'", korean: "'<number>'에 쓸 수 없는 값: 'x'")
    }

    func testTheHelpLineOfAnInvalidValue() {
        let translated = Words(.korean).parserMessage(english(Sample.self, ["n", "--count", "many"]))
        XCTAssertTrue(translated.contains("도움말:  --count <count>  How many."), translated)
    }

    func testOurOwnValidationMessagesAndUnknownShapesPassThrough() {
        let words = Words(.korean)
        XCTAssertEqual(words.parserSentence(words.checkLessonOrAll), words.checkLessonOrAll)
        XCTAssertEqual(words.parserSentence("Something the parser says in a later version."),
                       "Something the parser says in a later version.")
        XCTAssertEqual(words.parserMessage("Error: Something new\n"), "오류: Something new\n")
    }

    func testHelpsFixedParts() {
        let help = Sample.helpMessage(columns: HelpLayout.unwrapped)
        let translated = Words(.korean).parserMessage(help)
        for english in ["USAGE:", "ARGUMENTS:", "OPTIONS:", "Show help information.", "(default: ", "(values: "] {
            XCTAssertTrue(help.contains(english), "the parser's help no longer says \(english): \(help)")
            XCTAssertFalse(translated.contains(english), translated)
        }
        for korean in ["사용법:", "인자:", "옵션:", "도움말을 보여 줍니다.", "(기본값: 1)", "(값: text, json; 기본값: text)"] {
            XCTAssertTrue(translated.contains(korean), "\(korean) missing: \(translated)")
        }
        let group = Group.helpMessage(columns: HelpLayout.unwrapped)
        let groupKorean = Words(.korean).parserMessage(group)
        XCTAssertTrue(group.contains("SUBCOMMANDS:") && group.contains("for detailed help."), group)
        XCTAssertTrue(groupKorean.contains("하위 명령:"), groupKorean)
        XCTAssertTrue(groupKorean.contains("leaf (기본)"), groupKorean)
        XCTAssertTrue(groupKorean.contains("하위 명령의 자세한 설명: 'group help <하위 명령>'"), groupKorean)
    }
}

/// Help wraps by display columns (Hangul is two), under its label column.
final class HelpLayoutTests: XCTestCase {
    func testKoreanWrapsWithinTheWidthUnderTheLabel() {
        let line = "  --lang <lang>           레슨과 메시지의 언어: en 또는 ko (기본값: LEARN_LANG, 없으면 로캘)."
        let wrapped = HelpLayout.wrap(line, width: 60).split(separator: "\n").map(String.init)
        XCTAssertGreaterThan(wrapped.count, 1)
        for row in wrapped { XCTAssertLessThanOrEqual(TextWidthProbe.columns(row), 60, row) }
        XCTAssertTrue(wrapped[1].hasPrefix(String(repeating: " ", count: 26)) && wrapped[1].dropFirst(26).first != " ", "\(wrapped)")
    }

    func testNarrowTerminalsPutTheLabelOnItsOwnLine() {
        let line = "  --color <color>         색: auto (터미널이고 NO_COLOR가 없을 때), always 또는 never."
        let wrapped = HelpLayout.wrap(line, width: 40).split(separator: "\n").map(String.init)
        XCTAssertEqual(wrapped.first, "  --color <color>")
        for row in wrapped { XCTAssertLessThanOrEqual(TextWidthProbe.columns(row), 40, row) }
    }

    func testUsageContinuesUnderItself() {
        let wrapped = HelpLayout.wrap("사용법: learn check [--lang <lang>] [--color <color>] [<lesson>] [--all]", width: 40)
        XCTAssertTrue(wrapped.split(separator: "\n")[1].hasPrefix("        ["), wrapped)
    }

    func testLinesThatFitAreKept() {
        XCTAssertEqual(HelpLayout.wrap("OPTIONS:\n  -h, --help   Show help.\n", width: 80), "OPTIONS:\n  -h, --help   Show help.\n")
    }
}

/// The renderer's width function, under a name that says what the tests use it for.
import TerminalMarkdown
private enum TextWidthProbe { static func columns(_ s: String) -> Int { TextWidth.columns(s) } }

/// `--lang` and `--color` before or after the command's name.
final class ArgumentOrderTests: XCTestCase {
    func testGlobalsMoveAfterTheCommand() {
        XCTAssertEqual(ArgumentOrder.commandFirst(["--lang", "ko", "check", "09"]), ["check", "09", "--lang", "ko"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["--color=never", "--lang", "ko", "lab", "exec", "B", "--", "ip", "--lang"]),
                       ["lab", "exec", "B", "--color=never", "--lang", "ko", "--", "ip", "--lang"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["check", "--lang", "ko"]), ["check", "--lang", "ko"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["--lang", "ko"]), ["--lang", "ko"])
    }

    func testTheRootsHelpAndVersionAndTheHelpCommandDropThem() {
        XCTAssertEqual(ArgumentOrder.commandFirst(["--lang", "ko", "--help"]), ["--help"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["--help", "--lang", "ko"]), ["--help"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["--version", "--lang=ko"]), ["--version"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["help", "check", "--lang", "ko"]), ["help", "check"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["--lang", "ko", "help", "check"]), ["help", "check"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["check", "--help", "--lang", "ko"]), ["check", "--help"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["lab", "--lang", "ko", "--help"]), ["lab", "--help"])
        XCTAssertEqual(ArgumentOrder.commandFirst(["lab", "exec", "B", "--lang", "ko", "--", "ls", "--help"]),
                       ["lab", "exec", "B", "--lang", "ko", "--", "ls", "--help"])
    }

    func testAWordThatNamesNoCommand() {
        let commands = ["list", "check", "lab", "help"]
        XCTAssertEqual(ArgumentOrder.unknownCommand(["chekc", "09"], commands: commands)?.name, "chekc")
        XCTAssertEqual(ArgumentOrder.unknownCommand(["--lang", "ko", "chekc"], commands: commands)?.nearest, "check")
        XCTAssertNil(ArgumentOrder.unknownCommand(["zzzzzz"], commands: commands)?.nearest)
        XCTAssertNil(ArgumentOrder.unknownCommand(["check", "09"], commands: commands))
        XCTAssertNil(ArgumentOrder.unknownCommand(["--lang", "ko"], commands: commands))
        XCTAssertNil(ArgumentOrder.unknownCommand(["--help"], commands: commands))
        XCTAssertNil(ArgumentOrder.unknownCommand([], commands: commands))
    }

    func testTheLanguageIsFoundAnywhereBeforeTheTerminator() {
        XCTAssertEqual(Language.flag(in: ["check", "--lang", "ko"]), "ko")
        XCTAssertEqual(Language.flag(in: ["--lang=en", "check"]), "en")
        XCTAssertNil(Language.flag(in: ["lab", "exec", "A", "--", "cmd", "--lang", "ko"]))
    }
}
