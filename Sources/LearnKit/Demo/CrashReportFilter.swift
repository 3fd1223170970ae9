import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Holds back the Swift runtime's crash report from a demo's stderr (the "Fatal error" line
/// with the program's internal path and the stack trace after it) and keeps the fatal error's
/// text, so `learn try` tells a crash as `learn check` does: "Your code crashed (SIGILL).
/// Fatal error: TODO: write ...". Everything else the program writes passes through, whole
/// lines at a time.
public final class CrashReportFilter {
    /// The runtime's message, from "Fatal error" on, once one was seen.
    public private(set) var fatalError: String?
    private var pending: [UInt8] = []
    private var inStackTrace = false
    private let pass: ([UInt8]) -> Void

    public init(passing pass: @escaping ([UInt8]) -> Void) { self.pass = pass }

    public func write(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = Array(pending[...newline])
            pending.removeSubrange(...newline)
            if !withheld(String(decoding: line, as: UTF8.self)) { pass(line) }
        }
    }

    /// What is left without a final newline.
    public func flush() {
        if !pending.isEmpty, !withheld(String(decoding: pending, as: UTF8.self)) { pass(pending) }
        pending = []
    }

    private func withheld(_ line: String) -> Bool {
        if let range = line.range(of: "Fatal error") {
            fatalError = String(line[range.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
            return true
        }
        if line.hasPrefix("Current stack trace:") || line.hasPrefix("Stack dump:") {
            inStackTrace = true
            return true
        }
        // Frames: "3    libswiftCore.so    0x00007f... symbol + 221".
        if inStackTrace, line.first?.isNumber == true, line.contains(" 0x") { return true }
        inStackTrace = false
        return false
    }

    /// "SIGILL" for 4: the C library's abbreviation (a GNU function the Glibc module does not export).
    public static func signalName(_ signal: Int32) -> String {
        guard let abbreviation = c_sigabbrev_np(signal) else { return "signal \(signal)" }
        return "SIG" + String(cString: abbreviation)
    }
}

@_silgen_name("sigabbrev_np") private func c_sigabbrev_np(_ signal: Int32) -> UnsafePointer<CChar>?
