/// The commands' help, in English and Korean: abstracts, discussions, arguments, options, and
/// the messages of their own validation. (The parser's fixed parts are in Words+Parser.)
extension Words {
    // Options every command takes
    public var langHelp: String {
        pick("Language of lessons and messages: en or ko (default: LEARN_LANG, then the locale).",
             "레슨과 메시지의 언어: en 또는 ko (기본값: LEARN_LANG, 없으면 로캘).")
    }
    public var colorHelp: String {
        pick("Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
             "색: auto (터미널이고 NO_COLOR가 없을 때), always 또는 never.")
    }
    public var langInvalid: String { pick("--lang takes en or ko", "--lang에는 en 또는 ko를 쓰세요") }
    public var timeoutHelp: String {
        pick("Seconds each check may take before it is stopped and failed (a number greater than 0; default 10). One check's hang never uses another's time; the whole run's limit grows with the number of checks.",
             "검사 하나가 쓸 수 있는 초. 넘기면 멈추고 실패로 봅니다 (0보다 큰 수, 기본값 10). 한 검사가 멈춰 있어도 다른 검사의 시간을 쓰지 않으며, 전체 실행의 제한은 검사 수에 따라 늘어납니다.")
    }
    public var lessonDefaultCurrentHelp: String {
        pick("The lesson (default: the current one).", "레슨 (기본값: 현재 레슨).")
    }
    public var noPagerHelp: String { pick("Print without a pager.", "페이저 없이 출력합니다.") }

    // learn home / welcome
    public var homeAbstract: String {
        pick("Watch the current lesson, or the welcome and the list at the start.",
             "현재 레슨을 지켜봅니다. 처음에는 환영 글과 레슨 목록을 보여 줍니다.")
    }
    public var welcomeAbstract: String {
        pick("What the course covers and how its commands fit together.", "과정이 다루는 내용과 명령어를 함께 쓰는 법.")
    }

    // learn list
    public var listAbstract: String {
        pick("Show every lesson, its state and your progress (on a terminal: move, open, check, reset).",
             "모든 레슨과 상태, 진행 상황을 보여 줍니다 (터미널에서는 이동, 열기, 검사, 되돌리기).")
    }
    public var listPlainHelp: String { pick("Print the list even on a terminal.", "터미널에서도 목록을 그냥 출력합니다.") }

    // learn run
    public var runAbstract: String { pick("Read a lesson, then watch its demo run.", "레슨을 읽고 이어서 데모를 봅니다.") }
    public var runLessonHelp: String {
        pick("The lesson: its id (09-multicasting), number (9) or a prefix of its name (multi).",
             "레슨: id (09-multicasting), 번호 (9) 또는 이름의 앞부분 (multi).")
    }
    public var runNoPagerHelp: String { pick("Print the lesson without a pager.", "페이저 없이 레슨을 출력합니다.") }
    public var runNoDemoHelp: String { pick("Show the lesson only.", "레슨만 보여 줍니다.") }
    public var runDemoOnlyHelp: String { pick("Run the demo only.", "데모만 실행합니다.") }
    public var runNoDemoAndDemoOnly: String {
        pick("--no-demo and --demo-only exclude each other", "--no-demo와 --demo-only는 함께 쓸 수 없습니다")
    }

    // learn watch
    public var watchAbstract: String {
        pick("Check the current lesson each time you save it; single keys for hints, the list, the next lesson.",
             "저장할 때마다 현재 레슨을 검사합니다. 한 글자 키로 힌트, 목록, 다음 레슨을 엽니다.")
    }
    public var watchDiscussion: String {
        pick("Keys: h next hint, o read the lesson (in the pager), l lesson list, r check again, n next lesson (once this one passes), q quit.",
             "키: h 다음 힌트, o 레슨 읽기 (페이저로), l 레슨 목록, r 다시 검사, n 다음 레슨 (이 레슨을 통과한 뒤), q 끝내기.")
    }
    public var watchManualHelp: String {
        pick("Check only when you press r (where file change events do not arrive, e.g. network file systems).",
             "r을 누를 때만 검사합니다 (네트워크 파일 시스템처럼 파일 변경 알림이 오지 않는 곳에서).")
    }

    // learn check
    public var checkAbstract: String {
        pick("Grade your exercise (default: the current lesson).", "연습 문제를 검사합니다 (기본값: 현재 레슨).")
    }
    public var checkLessonHelp: String {
        pick("The lesson (default: the one last opened with learn run).",
             "레슨 (기본값: learn run으로 마지막에 연 레슨).")
    }
    public var checkAllHelp: String { pick("Check every lesson.", "모든 레슨을 검사합니다.") }
    public var checkVerboseHelp: String {
        pick("Also show what your code printed during each check.", "검사마다 내 코드가 출력한 내용도 보여 줍니다.")
    }
    public var checkFormatHelp: String {
        pick("Output format: text or json (json: see the README).", "출력 형식: text 또는 json (json은 README 참고).")
    }
    public var checkLessonOrAll: String {
        pick("give a lesson or --all, not both", "레슨과 --all 중 하나만 쓰세요")
    }

    // learn hint
    public var hintAbstract: String {
        pick("Show the next hint for a lesson, one more each time.", "레슨의 다음 힌트를 보여 줍니다. 부를 때마다 하나씩 더.")
    }
    public var hintAllHelp: String { pick("Show every hint.", "모든 힌트를 보여 줍니다.") }

    // learn try
    public var tryAbstract: String {
        pick("Run a lesson's demo on your own functions instead of the reference solution's.",
             "참고 답안 대신 내 함수로 레슨의 데모를 실행합니다.")
    }

    // learn solution
    public var solutionAbstract: String {
        pick("Show a lesson's reference solution, once you have passed it.", "레슨을 통과한 뒤 참고 답안을 보여 줍니다.")
    }
    public var solutionForceHelp: String {
        pick("Show it even though the lesson has not passed yet.", "레슨을 아직 통과하지 않았어도 보여 줍니다.")
    }

    // learn edit
    public var editAbstract: String {
        pick("Open a lesson's exercise in your editor ($VISUAL, then $EDITOR).",
             "레슨의 연습 파일을 편집기에서 엽니다 ($VISUAL, 없으면 $EDITOR).")
    }

    // learn reset
    public var resetAbstract: String {
        pick("Restore a lesson's exercise file to its starter (or every lesson's, with --all).",
             "레슨의 연습 파일을 처음 상태로 되돌립니다 (--all이면 모든 레슨).")
    }
    public var resetLessonHelp: String { pick("The lesson whose exercise to restore.", "연습 파일을 되돌릴 레슨.") }
    public var resetAllHelp: String {
        pick("Restore every exercise and forget every verdict.", "모든 연습 파일을 되돌리고 모든 결과를 지웁니다.")
    }
    public var resetYesHelp: String { pick("Do not ask first.", "묻지 않고 바로 합니다.") }
    public var resetLessonOrAll: String { pick("give a lesson or --all", "레슨이나 --all을 쓰세요") }

    // learn preview
    public var previewAbstract: String {
        pick("Render any Markdown file exactly as lessons are rendered (for authors and translators).",
             "아무 Markdown 파일이나 레슨과 똑같이 보여 줍니다 (저자와 번역자용).")
    }
    public var previewFileHelp: String { pick("The Markdown file.", "Markdown 파일.") }

    public func unknownCommand(_ name: String, nearest: String?) -> String {
        let guess = nearest.map { pick(" (did you mean '\($0)'?)", " ('\($0)' 명령을 뜻했나요?)") } ?? ""
        return pick("unknown command '\(name)'\(guess); learn --help lists the commands",
                    "알 수 없는 명령: '\(name)'\(guess). 명령 목록은 learn --help로 볼 수 있습니다")
    }

    // A broken lessons/course.txt, a missing compiler, a demo that stopped
    public func manifestError(_ error: Course.ManifestError) -> String {
        let problem: String
        switch error.problem {
        case .unknownRequirement(let word):
            problem = pick("unknown requirement \"\(word)\"", "알 수 없는 요구 사항 \"\(word)\"")
        case .listedTwice(let id): problem = pick("\(id) is listed twice", "\(id) 레슨이 두 번 있습니다")
        case .badVersionLine:
            problem = pick("the version line is \"version\" and one word, once",
                           "버전 줄은 \"version\"과 한 단어로, 한 번만 씁니다")
        }
        return pick("lessons/course.txt line \(error.line): \(problem)", "lessons/course.txt \(error.line)번째 줄: \(problem)")
    }
    public var swiftcMissing: String {
        pick("cannot find swiftc: install the Swift toolchain or set LEARN_SWIFTC",
             "swiftc를 찾을 수 없습니다: Swift 툴체인을 설치하거나 LEARN_SWIFTC를 설정하세요")
    }
    public func demoExitStatus(_ code: Int32) -> String { pick("exit status \(code)", "종료 상태 \(code)") }
    public func demoSignal(_ signal: Int32) -> String { pick("signal \(signal)", "시그널 \(signal)") }
    public func demoStillRunning(_ seconds: Int) -> String {
        pick("still running after \(seconds) s", "\(seconds)초가 지나도 끝나지 않았습니다")
    }

    // The course could not be found
    public var courseNotFound: String {
        pick("cannot find the course: run learn inside the course folder, or set LEARN_HOME to it",
             "과정을 찾을 수 없습니다: 과정 폴더 안에서 learn을 실행하거나 LEARN_HOME을 그 폴더로 설정하세요")
    }
}
