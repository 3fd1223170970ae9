import Glibc

extension Harness {
    /// Where a check program reports its results.
    ///
    /// Under `learn`, results go to a file descriptor of their own (named by LEARN_RESULT_FD),
    /// each line prefixed with a token that `learn` writes on the program's standard input, so
    /// nothing the learner's code prints on stdout or stderr can forge or corrupt a result.
    /// Run by hand (no LEARN_RESULT_FD), results are printed readably on stdout instead.
    final class ResultChannel {
        private let fd: Int32?
        private let token: String

        init() {
            guard let raw = getenv("LEARN_RESULT_FD"), let number = Int32(String(cString: raw)),
                  fcntl(number, F_GETFD) != -1 else {
                fd = nil
                token = ""
                return
            }
            fd = number
            token = ResultChannel.readToken()
            unsetenv("LEARN_RESULT_FD")
            // Keep the channel out of anything the learner's code starts.
            _ = fcntl(number, F_SETFD, FD_CLOEXEC)
        }

        /// The token is the first line of stdin; stdin is then replaced by /dev/null.
        private static func readToken() -> String {
            var bytes: [UInt8] = []
            var byte: UInt8 = 0
            while read(0, &byte, 1) == 1, byte != UInt8(ascii: "\n"), bytes.count < 128 {
                bytes.append(byte)
            }
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 { dup2(null, 0); close(null) }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// In a check's forked child: the channel is closed there, so learner code in it cannot
        /// write results (it reports to the parent, sealed with the check's nonce).
        func closeInCheck() {
            if let fd { close(fd) }
        }

        func plan(_ checks: [Check]) {
            if fd == nil { return }
            for check in checks { emit(["plan", check.id, check.name.string]) }
        }

        func result(_ check: Check, _ outcome: Outcome, output: String) {
            guard fd != nil else {
                let mark: String
                switch outcome.status {
                case .passed: mark = "PASS"
                case .failed: mark = "FAIL"
                case .notRun: mark = "SKIP"
                }
                print("\(mark) \(check.id): \(check.name.string)")
                if !outcome.message.isEmpty { print("     \(outcome.message)") }
                return
            }
            emit(["result", check.id, outcome.status.rawValue, outcome.message, output])
        }

        func finish() {
            if fd != nil { emit(["done"]) }
        }

        private func emit(_ fields: [String]) {
            guard let fd else { return }
            let line = ([token] + fields).map(ResultChannel.escape).joined(separator: "\t") + "\n"
            Harness.writeAll(fd, Array(line.utf8))
        }

        /// Tabs separate fields and newlines records, so both are escaped (as is the backslash).
        static func escape(_ field: String) -> String {
            var out = ""
            for ch in field {
                switch ch {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.append(ch)
                }
            }
            return out
        }
    }
}
