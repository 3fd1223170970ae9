import HostProcess
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Foreground mode the way a learner meets it: `learn` started from an interactive shell
/// (job control on) in a terminal starts a child that takes the terminal; Ctrl-Z in the
/// child stops the job, `fg` resumes it, and the terminal comes back to `learn` at the end.
final class ForegroundTests: XCTestCase {
    /// Run inside the pseudo-terminal by `testTheChildGetsTheTerminalAndGivesItBack`.
    func testHelperInATerminal() throws {
        guard ProcessInfo.processInfo.environment["HOSTPROCESS_FOREGROUND_HELPER"] == "1" else { return }
        var command = HostCommand(["sh", "-c", "echo child-foreground=$(ps -o tpgid= -p $$ | tr -d ' ')/$(ps -o pgid= -p $$ | tr -d ' '); kill -TSTP $$; echo child-resumed"])
        command.stdin = .inherit
        command.stdout = .inherit
        command.stderr = .inherit
        command.group = .foreground
        let outcome = try HostChild(command).wait()
        print("parent-back=\(tcgetpgrp(0) == getpgrp()) status=\(outcome.termination)")
        // Killed in raw mode, as a pager killed by SIGKILL: the terminal is ours again, and
        // in the settings it had.
        command.arguments = ["sh", "-c", "stty raw -echo; kill -KILL $$"]
        let killed = try HostChild(command).wait()
        var settings = termios()
        tcgetattr(0, &settings)
        let cooked = settings.c_lflag & tcflag_t(ECHO | ICANON) == tcflag_t(ECHO | ICANON)
        print("after-kill back=\(tcgetpgrp(0) == getpgrp()) cooked=\(cooked) status=\(killed.termination)")
    }

    func testTheChildGetsTheTerminalAndGivesItBack() throws {
        let xctest = CommandLine.arguments[0].hasSuffix(".xctest") ? CommandLine.arguments[0]
            : (CommandLine.arguments.first { $0.hasSuffix(".xctest") } ?? "")
        XCTAssertFalse(xctest.isEmpty, "\(CommandLine.arguments)")
        let script = """
            import os, pty, sys, time, select
            pid, fd = pty.fork()
            if pid == 0:
                os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
            def read_until(marker, limit=60):
                out = b""; end = time.time() + limit
                while marker not in out and time.time() < end:
                    r, _, _ = select.select([fd], [], [], 0.5)
                    if r:
                        try: out += os.read(fd, 4096)
                        except OSError: break
                return out.decode(errors="replace")
            os.write(fd, b"PS1='$ '; HOSTPROCESS_FOREGROUND_HELPER=1 %s HostProcessTests.ForegroundTests/testHelperInATerminal\\n" % sys.argv[1].encode())
            first = read_until(b"Stopped")
            os.write(fd, b"fg\\n")
            second = read_until(b"parent-back=")
            second += read_until(b"$ ", 2)
            os.write(fd, b"exit\\n")
            print(first + "\\n=====\\n" + second)
            """
        let outcome = try HostCommand(["python3", "-c", script, xctest]).run(timeLimit: 120)
        let text = outcome.stdoutText
        XCTAssertTrue(text.contains("Stopped"), "Ctrl-Z in the child stops the job: \(text)")
        XCTAssertTrue(text.contains("child-resumed"), text)
        XCTAssertTrue(text.contains("parent-back=true"), text)
        XCTAssertTrue(text.contains("after-kill back=true cooked=true status=signalled(9)"), text)
        let line = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("child-foreground=") }
        let ids = line?.split(separator: "=").last?.split(separator: "/").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        XCTAssertEqual(ids?.count, 2, text)
        XCTAssertEqual(ids?.first, ids?.last, "the child's group is the terminal's foreground group: \(text)")
    }
}
