import NetLab
/// The engine's own words, in English and Korean: every sentence `learn` itself says. The
/// course's words (its title, topics, welcome and closing) are in lessons/, read by `CourseWords`.
public struct Words: Sendable {
    public let language: Language
    public init(_ language: Language) { self.language = language }

    func pick(_ en: String, _ ko: String) -> String { language == .korean ? ko : en }

    // A course whose lessons/course.<lang>.md is missing
    public var untitledCourse: String { pick("The course", "과정") }
    public var untitledAbstract: String {
        pick("A course in the terminal: read each lesson, watch its demo, and have your exercise graded.",
             "터미널에서 하는 과정: 레슨을 읽고, 데모를 보고, 연습 문제를 검사받습니다.")
    }

    // The root help (learn --help)
    public var rootDiscussion: String {
        pick("""
            Read a lesson and watch its demo with `learn run <lesson>`, solve the exercise in \
            exercises/, and grade it with `learn check`, or keep `learn watch` open: it checks \
            each time you save. Everything runs on your own machine, in a private network \
            namespace where the system allows one.

            Every command takes:
              --lang <lang>    en or ko (default: LEARN_LANG, then the locale: LC_ALL, LC_MESSAGES, LANG)
              --color <when>   auto (on a terminal, unless NO_COLOR is set), always or never

            Exit status:
              0    success (for learn check: no check failed)
              1    a check failed, or something could not be done
              2    a usage error: an unknown command, option, value or lesson
              130  stopped by Ctrl-C (SIGINT)
              143  stopped by SIGTERM
            """, """
            `learn run <레슨>`으로 레슨을 읽고 데모를 본 다음, exercises/에서 연습 문제를 풀고 \
            `learn check`로 검사받으세요. `learn watch`를 열어 두면 저장할 때마다 검사합니다. \
            모든 것은 내 컴퓨터 안에서, 시스템이 허락하면 사설 네트워크 네임스페이스 안에서 실행됩니다.

            모든 명령에 쓸 수 있는 옵션:
              --lang <lang>    en 또는 ko (기본값: LEARN_LANG, 없으면 로캘 LC_ALL, LC_MESSAGES, LANG)
              --color <when>   auto (터미널이고 NO_COLOR가 없을 때), always 또는 never

            종료 상태:
              0    성공 (learn check에서는 실패한 검사가 없음)
              1    검사에 실패했거나 무언가를 할 수 없었음
              2    사용법 오류: 없는 명령, 옵션, 값 또는 레슨
              130  Ctrl-C(SIGINT)로 멈춤
              143  SIGTERM으로 멈춤
            """)
    }

    public func courseVersion(_ title: String, _ version: String) -> String {
        pick("course: \(title) \(version)", "과정: \(title) \(version)")
    }

    // learn list
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
        pick("Compiling…", "컴파일 중…")
    }
    public func lessonPassed(_ id: String) -> String { pick("All checks of \(id) passed.", "\(id)의 모든 검사를 통과했습니다.") }
    public func nextLesson(_ id: String, _ title: String) -> String {
        pick("Next: learn run \(id)   (\(title))", "다음: learn run \(id)   (\(title))")
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
    public func ambiguousLesson(_ name: String, _ matches: [String]) -> String {
        pick("\"\(name)\" names several lessons: \(matches.joined(separator: ", "))",
             "\"\(name)\"에 해당하는 레슨이 여러 개입니다: \(matches.joined(separator: ", "))")
    }
    /// What was wrong with the progress file, in a few words.
    public func progressReason(_ reason: ProgressStore.Reason) -> String {
        switch reason {
        case .notJSON: return pick("not valid JSON", "올바른 JSON이 아님")
        case .noVersion: return pick("no version number", "버전 번호가 없음")
        case .unknownVersion(let number): return pick("unknown version \(number)", "알 수 없는 버전 \(number)")
        case .unreadableFields(let fields):
            return pick("unreadable: ", "읽을 수 없는 항목: ") + fields.joined(separator: ", ")
        case .directory: return pick("it is a directory", "폴더임")
        case .fifo: return pick("it is a named pipe (FIFO)", "이름 있는 파이프(FIFO)임")
        case .notRegular: return pick("it is not a regular file", "일반 파일이 아님")
        case .system(let text): return text
        }
    }
    public func damagedState(_ reason: ProgressStore.Reason, copy: String) -> String {
        let reason = progressReason(reason)
        return pick("Your progress file was damaged (\(reason)); a copy was kept as \(copy), and everything that could be read is kept.",
                    "진행 상황 파일이 손상되었습니다(\(reason)). 사본을 보관했습니다: \(copy). 읽을 수 있는 내용은 모두 유지합니다.")
    }
    public func unreadableState(_ file: String, _ reason: ProgressStore.Reason) -> String {
        let reason = progressReason(reason)
        return pick("Cannot read your progress in \(file) (\(reason)). It is left as it is, and nothing is saved over it: make it a readable file again, or move it away to start afresh.",
                    "진행 상황 파일을 읽을 수 없습니다: \(file) (\(reason)). 파일은 그대로 두고 덮어쓰지 않습니다. 읽을 수 있는 파일로 되돌리거나, 다른 곳으로 옮기면 새로 시작합니다.")
    }
    public func cannotSaveProgress(_ file: String, _ reason: String) -> String {
        pick("Cannot save your progress to \(file) (\(reason)); what changed holds for this run only. Check that the course folder is writable.",
             "진행 상황을 저장할 수 없습니다: \(file) (\(reason)). 바뀐 내용은 이번 실행에서만 유지됩니다. 과정 폴더에 쓸 수 있는지 확인하세요.")
    }

    /// Why a file cannot be read, as one sentence that names it and says what to do.
    public func cannotRead(_ path: String, _ problem: TextFile.Problem) -> String {
        switch problem {
        case .missing: return pick("\(path) does not exist.", "파일이 없습니다: \(path)")
        case .directory:
            return pick("\(path) is a folder, not a file: give the path of a file.",
                        "파일이 아니라 폴더입니다: \(path). 파일 경로를 주세요.")
        case .fifo:
            return pick("\(path) is a named pipe (FIFO), not a file: give the path of a regular file.",
                        "일반 파일이 아니라 이름 있는 파이프(FIFO)입니다: \(path). 일반 파일 경로를 주세요.")
        case .device:
            return pick("\(path) is a device, not a file: give the path of a regular file.",
                        "일반 파일이 아니라 장치입니다: \(path). 일반 파일 경로를 주세요.")
        case .notRegular:
            return pick("\(path) is not a regular file.", "일반 파일이 아닙니다: \(path)")
        case .permissionDenied:
            return pick("\(path) cannot be read: you lack permission (ls -l \(path) shows who may read it).",
                        "읽을 권한이 없습니다: \(path) (ls -l \(path)로 누가 읽을 수 있는지 확인하세요).")
        case .notUTF8:
            return pick("\(path) is not UTF-8 text.", "UTF-8 텍스트가 아닙니다: \(path)")
        case .other(let reason):
            return pick("\(path) cannot be read (\(reason)).", "읽을 수 없습니다: \(path) (\(reason))")
        }
    }
    /// The learner's exercise file cannot be graded as it is.
    public func exerciseUnreadable(_ id: String, _ problem: TextFile.Problem) -> String {
        guard problem != .missing else { return exerciseMissing(id) }
        return cannotRead("exercises/\(id).swift", problem) + " " + pick("learn reset \(id) restores the starter.",
                                                                   "learn reset \(id)로 처음 파일을 되살릴 수 있습니다.")
    }
    public func exerciseMissing(_ id: String) -> String {
        pick("exercises/\(id).swift is missing; learn reset \(id) restores it.",
             "exercises/\(id).swift 파일이 없습니다. learn reset \(id)로 되살릴 수 있습니다.")
    }

    // A lesson passed for the first time, and the end of the course
    public func firstPass(_ id: String) -> String { pick("You solved \(id)!", "\(id) 레슨을 풀었습니다!") }
    public func compareSolution(_ id: String) -> String {
        pick("Compare with the reference solution: learn solution \(id)", "참고 답안과 비교해 보세요: learn solution \(id)")
    }
    public var courseComplete: String {
        pick("Congratulations: you have finished the course!", "축하합니다! 과정을 모두 마쳤습니다!")
    }
    public func courseSummary(done: Int, total: Int, hints: Int) -> String {
        pick("\(done) of \(total) lessons done, \(hints) hints used along the way.",
             "레슨 \(total)개 중 \(done)개를 마쳤고, 힌트는 \(hints)개 보았습니다.")
    }
    public var courseClosing: String {
        pick("Your code stays in exercises/; learn solution <lesson> shows any reference solution, learn try <lesson> runs a demo on your code again.",
             "작성한 코드는 exercises/에 남아 있습니다. learn solution <레슨>으로 참고 답안을, learn try <레슨>으로 내 코드의 데모를 다시 볼 수 있습니다.")
    }

    // learn solution
    public func solutionLocked(_ id: String) -> String {
        pick("the reference solution of \(id) opens once the lesson passes (learn check \(id)); --force shows it now",
             "\(id)의 참고 답안은 레슨을 통과한 뒤에 열립니다 (learn check \(id)). 지금 보려면 --force를 붙이세요")
    }
    public func solutionHeading(_ id: String) -> String { pick("Reference solution of \(id)", "\(id) 참고 답안") }

    // learn edit
    public func noEditor(_ path: String) -> String {
        pick("no editor is set: set VISUAL or EDITOR (for example export EDITOR=nano), or open \(path) yourself",
             "편집기가 설정되어 있지 않습니다. VISUAL이나 EDITOR를 설정하거나 (예: export EDITOR=nano) \(path) 파일을 직접 여세요")
    }
    public func editorFailed(_ command: String, _ status: Int32) -> String {
        pick("the editor (\(command)) ended with status \(status)", "편집기(\(command))의 종료 상태가 \(status)입니다")
    }

    // learn try
    public var tryHeading: String { pick("Demo on your code", "내 코드로 돌리는 데모") }
    public func codeCrashed(_ signal: String) -> String {
        pick("Your code crashed (\(signal)).", "코드가 비정상 종료했습니다 (\(signal)).")
    }
    public func tryCrashed(_ why: String, _ id: String) -> String {
        pick("The demo stopped on your code. \(why)\nlearn check \(id) tells which function is wrong.",
             "내 코드로는 데모가 멈췄습니다. \(why)\n어느 함수가 틀렸는지는 learn check \(id)가 알려 줍니다.")
    }
    public func tryFailed(_ why: String, _ id: String) -> String {
        pick("The demo stopped on your code: \(why). learn check \(id) tells which function is wrong.",
             "내 코드로는 데모가 멈췄습니다: \(why). 어느 함수가 틀렸는지는 learn check \(id)가 알려 줍니다.")
    }

    // learn reset --all
    public func resetAllQuestion(_ count: Int) -> String {
        pick("Replace all \(count) exercises with their starters and forget every verdict? All your changes will be lost. [y/N] ",
             "연습 파일 \(count)개를 모두 처음 상태로 되돌리고 결과도 지울까요? 바꾼 내용은 모두 사라집니다. [y/N] ")
    }
    public func resetAllDone(_ count: Int) -> String {
        pick("Restored \(count) exercises to their starters.", "연습 파일 \(count)개를 처음 상태로 되돌렸습니다.")
    }
    public var needsYesOffTerminal: String { pick("not a terminal: add --yes to reset", "터미널이 아니므로 되돌리려면 --yes를 붙이세요") }

    // learn watch
    public func watchTitle(_ lesson: String) -> String { pick("learn watch · \(lesson)", "learn watch · \(lesson)") }
    public var watchNeedsTerminal: String {
        pick("learn watch needs a terminal (learn check grades once, anywhere)", "learn watch는 터미널에서만 실행됩니다 (learn check는 어디서나 한 번 검사합니다)")
    }
    public var checkingNow: String { pick("Checking…", "검사 중…") }
    public var watchKeys: String {
        pick("h hint · o read the lesson · l lessons · r re-check · n next · q quit",
             "h 힌트 · o 레슨 읽기 · l 레슨 목록 · r 다시 검사 · n 다음 · q 끝내기")
    }
    public func watchingFile(_ path: String) -> String {
        pick("Save \(path) and it is checked again at once.", "\(path) 파일을 저장하면 바로 다시 검사합니다.")
    }
    public func manualMode(_ path: String) -> String {
        pick("Manual mode: save \(path), then press r to check it.", "수동 모드: \(path) 파일을 저장한 뒤 r을 누르면 검사합니다.")
    }
    public func noFileEvents(_ reason: String) -> String {
        pick("File changes cannot be watched here (\(reason)): press r after saving.",
             "여기서는 파일 변경을 감시할 수 없습니다 (\(reason)). 저장한 뒤 r을 누르세요.")
    }
    public var fileEventsMissing: String {
        pick("Your file changed but no file event arrived (a network file system or a container?): press r after saving, or start learn watch --manual.",
             "파일이 바뀌었는데 파일 변경 알림이 오지 않았습니다 (네트워크 파일 시스템이나 컨테이너일 수 있습니다). 저장한 뒤 r을 누르거나 learn watch --manual로 시작하세요.")
    }
    public var nextLocked: String {
        pick("n moves on once every check of this lesson passes.", "이 레슨의 검사를 모두 통과해야 n으로 넘어갈 수 있습니다.")
    }
    public func pressNForNext(_ id: String, _ title: String) -> String {
        pick("Press n for the next lesson: \(id) (\(title))", "n을 누르면 다음 레슨으로 갑니다: \(id) (\(title))")
    }
    public var lastLessonAlready: String { pick("This is the last lesson.", "마지막 레슨입니다.") }
    public func readLessonFirst(_ id: String) -> String {
        pick("New here? learn run \(id) in another terminal shows the lesson and its demo.",
             "처음이라면 다른 터미널에서 learn run \(id)로 레슨과 데모를 보세요.")
    }

    // learn list on a terminal
    public var listKeys: String {
        pick("↑↓ j k move · Enter open · c check · r reset · f filter · q quit",
             "↑↓ j k 이동 · Enter 열기 · c 검사 · r 되돌리기 · f 거르기 · q 끝내기")
    }
    public func listFilter(_ filter: String) -> String { pick("showing: \(filter)", "보기: \(filter)") }
    public var filterAll: String { pick("all", "전체") }
    public var filterDone: String { pick("done", "완료") }
    public var filterPending: String { pick("pending", "남은 것") }
    public var noLessonsHere: String { pick("No lessons here.", "해당하는 레슨이 없습니다.") }
    public func resetKeyQuestion(_ id: String) -> String {
        pick("Reset \(id) to its starter? Your changes will be lost. y / n", "\(id) 연습 파일을 처음 상태로 되돌릴까요? 바꾼 내용은 사라집니다. y / n")
    }
    public var pressAnyKey: String { pick("Press any key to go back.", "아무 키나 누르면 돌아갑니다.") }

    // Honest progress: a lesson with checks that could not run is incomplete, not done
    public var incomplete: String { pick("incomplete", "미완료") }
    public func incompleteWhy(_ id: String, _ reason: String) -> String {
        pick("\(id): not done, checks not run here: \(reason)", "\(id): 끝나지 않음, 여기서 실행하지 못한 검사: \(reason)")
    }
    public func incompleteCount(_ n: Int) -> String { pick("\(n) incomplete", "미완료 \(n)개") }
    public func lessonIncomplete(_ id: String, _ notRun: Int) -> String {
        pick("\(id) is not done yet: \(notRun) of its checks could not run on this machine (the ones that ran passed).",
             "\(id) 레슨은 아직 끝나지 않았습니다. 검사 \(notRun)개를 이 컴퓨터에서 실행할 수 없었습니다 (실행한 검사는 통과했습니다).")
    }
    public func passesAgain(_ id: String) -> String {
        pick("\(id) passes again: all its checks passed.", "\(id) 레슨을 다시 통과했습니다. 모든 검사를 통과했습니다.")
    }
    public func lastLessonOthersOpen(_ open: [String]) -> String {
        pick("That was the last lesson. Still open: \(open.joined(separator: ", ")).",
             "마지막 레슨이었습니다. 아직 남은 레슨: \(open.joined(separator: ", ")).")
    }
    public func resumeWith(_ id: String) -> String { pick("Continue: learn run \(id)", "이어서: learn run \(id)") }
    public func nextLessonText(_ id: String, _ title: String) -> String {
        pick("Now \(id) (\(title)). o opens its lesson here; learn run \(id) in another terminal shows it with its demo.",
             "이제 \(id) 레슨입니다 (\(title)). o를 누르면 여기서 레슨을 엽니다. 데모까지 보려면 다른 터미널에서 learn run \(id)를 실행하세요.")
    }
    public func checkAllSummary(passed: Int, failing: Int, incomplete: Int) -> String {
        pick("Lessons: \(passed) passed, \(failing) failing, \(incomplete) incomplete.",
             "레슨: 통과 \(passed)개, 실패 \(failing)개, 미완료 \(incomplete)개.")
    }

    // The first-run welcome: the course's own welcome (lessons/course.<lang>.md), then this.
    public func commandGuide(first id: String) -> String {
        pick("""
            How the commands fit together:

            - `learn run \(id)` reads the lesson, then runs its demo.
            - Write the exercise's functions in `exercises/\(id).swift` (`learn edit` opens it).
            - `learn watch` checks your file each time you save it; `learn check` checks it once.
            - `learn hint` gives one hint at a time when you are stuck.
            - `learn try` runs the demo on your own code; `learn solution` shows the reference once you pass.

            Start with `learn run \(id)`, then `learn watch`.
            """, """
            명령어는 이렇게 함께 씁니다.

            - `learn run \(id)`: 레슨을 읽고 이어서 데모를 실행합니다.
            - `exercises/\(id).swift`에 연습 문제의 함수를 작성합니다 (`learn edit`로 열 수 있습니다).
            - `learn watch`: 파일을 저장할 때마다 검사합니다. `learn check`는 한 번 검사합니다.
            - `learn hint`: 막혔을 때 힌트를 하나씩 보여 줍니다.
            - `learn try`: 내 코드로 데모를 돌립니다. `learn solution`: 통과한 뒤 참고 답안을 보여 줍니다.

            `learn run \(id)`로 시작한 다음 `learn watch`를 여세요.
            """)
    }

    // Why a check has no result (CheckSession)
    public func timeRanOut(_ seconds: String) -> String {
        pick("The time limit (\(seconds) s) ran out before this check finished.",
             "시간 제한(\(seconds)초)이 다 되어 이 검사는 끝나지 못했습니다.")
    }
    public func checkProgramSignalled(_ signal: Int32) -> String {
        pick("The check program stopped (signal \(signal)) before this check reported.",
             "검사 프로그램이 이 검사 전에 멈췄습니다 (시그널 \(signal)).")
    }
    public func checkProgramExited(_ code: Int32) -> String {
        pick("The check program ended (exit status \(code)) before this check reported.",
             "검사 프로그램이 이 검사를 보고하기 전에 끝났습니다 (종료 상태 \(code)).")
    }

    // Where learner code runs (trust-runtime): why not in a private network, and what is not run then
    public func refusal(_ refusal: NamespaceRefusal) -> String {
        switch refusal {
        case .switchedOff(let value):
            return pick("LEARN_NO_NAMESPACES=\(value) turns private networks off; unset it to use them.",
                        "LEARN_NO_NAMESPACES=\(value) 때문에 사설 네트워크를 쓰지 않습니다. 쓰려면 이 변수를 지우세요.")
        case .missingTools(let tools):
            let install = "apt-get install " + refusal.packages.joined(separator: " ")
            return pick("The network lab needs \(tools.joined(separator: ", ")), which is not installed: install it with `\(install)`.",
                        "네트워크 랩에 필요한 \(tools.joined(separator: ", "))이(가) 설치되어 있지 않습니다. `\(install)`로 설치하세요.")
        case .refused(let setting, let detail):
            let how = setting.map { "sudo sysctl \($0)" }
                ?? "sudo sysctl kernel.unprivileged_userns_clone=1` or `sudo sysctl kernel.apparmor_restrict_unprivileged_userns=0"
            let why = detail.isEmpty ? "" : " (\(detail))"
            return pick("This system refuses unprivileged user namespaces\(why); `\(how)` allows them.",
                        "이 시스템은 비특권 사용자 네임스페이스를 허용하지 않습니다\(why). `\(how)`로 허용할 수 있습니다.")
        }
    }
    public func resultsBroken(_ detail: String) -> String {
        pick("The check program's results broke the harness's protocol (\(detail)), so none of them counts.",
             "검사 프로그램의 결과가 하네스의 규약을 어겼기 때문에(\(detail)) 어떤 결과도 인정하지 않습니다.")
    }
    public func hostFallback(_ refusal: NamespaceRefusal) -> String {
        pick("Note: your code ran on this machine's own network, not in a private one. ",
             "참고: 코드가 사설 네트워크가 아니라 이 컴퓨터의 네트워크에서 실행되었습니다. ") + self.refusal(refusal)
    }
    public func sendsNotRun(_ kinds: [String]) -> String {
        let en = kinds.joined(separator: " and "), ko = kinds.map { $0 == "multicast" ? "멀티캐스트" : "브로드캐스트" }.joined(separator: "와 ")
        return pick("Not run: this lesson's code sends \(en), which runs only in a private network.",
                    "실행 안 함: 이 레슨의 코드는 \(ko)를 보내므로 사설 네트워크에서만 실행합니다.")
    }
    /// A resource limit ended the whole check program (see Limits).
    public func fileSizeLimitHit(_ size: String) -> String {
        pick("The check program was stopped: your code wrote more than \(size) to a file, the most a lesson program may write.",
             "검사 프로그램을 멈췄습니다: 코드가 파일에 \(size)보다 많이 썼습니다. 레슨 프로그램이 쓸 수 있는 최대치입니다.")
    }
    public func cpuLimitHit(_ seconds: String) -> String {
        pick("The check program was stopped: your code used more than \(seconds) s of processor time; look for a loop that never ends.",
             "검사 프로그램을 멈췄습니다: 코드가 CPU 시간을 \(seconds)초보다 많이 썼습니다. 끝나지 않는 반복이 있는지 보세요.")
    }
    public func noPrivateNetwork(_ refusal: NamespaceRefusal) -> String {
        pick("Note: no private network can be made here. ", "참고: 여기서는 사설 네트워크를 만들 수 없습니다. ") + self.refusal(refusal)
    }

}

// Building lesson programs (build-speed): compile limits, collisions, the harness's first build.
extension Words {
    public func nameCollision(_ name: String) -> String {
        pick("'\(name)' is a name the lesson's check uses too: give yours another name.",
             "이름 '\(name)': 레슨의 검사 코드가 이미 쓰는 이름입니다. 다른 이름을 붙이세요.")
    }
    public func moreCompileErrors(_ count: Int) -> String {
        pick("… and \(count) more \(count == 1 ? "error" : "errors"); fix the first ones first.",
             "… 오류가 \(count)개 더 있습니다. 앞의 오류부터 고치세요.")
    }
    public func compileTimedOut(_ seconds: String) -> String {
        pick("The compiler did not finish within \(seconds) s and was stopped. Try again; if it happens again, simplify the expression the compiler is stuck on (long chains of + or literals without types).",
             "컴파일러가 \(seconds)초 안에 끝나지 않아 멈췄습니다. 다시 해 보고, 또 그러면 컴파일러가 막힌 식(긴 + 연결, 타입 없는 리터럴)을 단순하게 고치세요.")
    }
    public func buildingHarness(_ finished: Int, of total: Int) -> String {
        pick("Building the lesson harness (once per update): \(finished)/\(total) files",
             "레슨 하네스 빌드 중 (업데이트 뒤 한 번): 파일 \(finished)/\(total)")
    }
}
