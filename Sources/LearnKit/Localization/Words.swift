/// The command line's own words, in English and Korean.
public struct Words {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    func pick(_ en: String, _ ko: String) -> String { language == .korean ? ko : en }

    // learn list
    public var courseHeading: String { pick("Network programming in Swift", "Swift 네트워크 프로그래밍") }
    public var done: String { pick("done", "완료") }
    public var failing: String { pick("failing", "실패") }
    public var notStarted: String { pick("not started", "시작 전") }
    public func notRunCount(_ n: Int) -> String { pick("(\(n) not run)", "(\(n)개 실행 안 됨)") }
    public var current: String { pick("current", "현재") }
    public var progress: String { pick("progress", "진행") }

    // learn check
    public var passed: String { pick("passed", "통과") }
    public var failed: String { pick("failed", "실패") }
    public var notRun: String { pick("not run", "실행 안 됨") }
    public func checking(_ lesson: String) -> String { pick("Checking \(lesson)", "\(lesson) 검사 중") }
    public func summary(passed: Int, failed: Int, notRun: Int) -> String {
        var parts = [pick("\(passed) passed", "\(passed)개 통과"), pick("\(failed) failed", "\(failed)개 실패")]
        if notRun > 0 { parts.append(pick("\(notRun) not run", "\(notRun)개 실행 안 됨")) }
        return parts.joined(separator: ", ")
    }
    public var compileFailed: String {
        pick("Your file does not compile yet:", "파일이 아직 컴파일되지 않습니다:")
    }
    public var contractMismatch: String {
        pick("Your file compiles, but its functions do not match what the lesson asks for (names, parameter labels, types). The errors point at the check that calls them:",
             "파일은 컴파일되지만 함수가 레슨이 요구하는 형태(이름, 매개변수 레이블, 타입)와 다릅니다. 아래 오류는 함수를 호출하는 검사 코드를 가리킵니다:")
    }
    public var buildingFirstTime: String {
        pick("Compiling (the first build of a file takes a few seconds)…", "컴파일 중 (파일의 첫 빌드는 몇 초 걸립니다)…")
    }
    public func lessonPassed(_ id: String) -> String { pick("All checks of \(id) passed.", "\(id)의 모든 검사를 통과했습니다.") }
    public func nextLesson(_ id: String, _ title: String) -> String {
        pick("Next: learn run \(id)   (\(title))", "다음: learn run \(id)   (\(title))")
    }
    public var courseFinished: String {
        pick("That was the last lesson: you have finished the course.", "마지막 레슨이었습니다. 과정을 모두 마쳤습니다.")
    }
    public var tryHint: String { pick("Stuck? learn hint shows the next hint.", "막혔나요? learn hint가 다음 힌트를 보여 줍니다.") }
    public var learnerOutput: String { pick("your code printed:", "코드가 출력한 내용:") }
    public var notConfined: String {
        pick("Note: this system does not allow unprivileged user namespaces, so your code runs on this machine's own loopback, not in a private network (the check's own traffic is still pinned to 127.0.0.1).",
             "참고: 이 시스템은 비특권 사용자 네임스페이스를 허용하지 않아, 코드가 사설 네트워크가 아니라 이 컴퓨터의 루프백에서 실행됩니다 (검사 자체의 트래픽은 여전히 127.0.0.1에 고정됩니다).")
    }
    public var notRunIsFailureInCI: String {
        pick("CI is set: a check that did not run counts as failed.", "CI가 설정되어 있어 실행되지 않은 검사는 실패로 칩니다.")
    }

    // learn hint / reset / run
    public func hintHeading(_ n: Int, of total: Int) -> String { pick("Hint \(n) of \(total)", "힌트 \(n) / \(total)") }
    public var noHints: String { pick("This lesson has no hints.", "이 레슨에는 힌트가 없습니다.") }
    public var allHintsShown: String {
        pick("That was the last hint. learn hint --all shows them all again.", "마지막 힌트였습니다. learn hint --all로 모두 다시 볼 수 있습니다.")
    }
    public func resetQuestion(_ path: String) -> String {
        pick("Replace \(path) with the starter? Your changes will be lost. [y/N] ", "\(path) 파일을 처음 상태로 되돌릴까요? 바꾼 내용은 사라집니다. [y/N] ")
    }
    public func resetDone(_ path: String) -> String { pick("Restored \(path).", "\(path) 파일을 처음 상태로 되돌렸습니다.") }
    public var resetCancelled: String { pick("Nothing changed.", "아무것도 바꾸지 않았습니다.") }
    public var demoHeading: String { pick("Demo", "데모") }
    public func demoFailed(_ why: String) -> String { pick("The demo did not run to its end: \(why)", "데모가 끝까지 실행되지 않았습니다: \(why)") }
    public func noLesson(_ name: String) -> String { pick("no lesson \"\(name)\"", "\"\(name)\" 레슨이 없습니다") }
    public var didYouMean: String { pick("nearest:", "가까운 레슨:") }
    public func damagedState(_ reason: String) -> String {
        pick("Your progress file was damaged (\(reason)); it was kept as .learn-state.json.damaged and a fresh one started.",
             "진행 상황 파일이 손상되어(\(reason)) .learn-state.json.damaged로 보관하고 새로 시작했습니다.")
    }
}
