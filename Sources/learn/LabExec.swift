import ArgumentParser
import Dispatch
import Foundation
import NetLab
#if canImport(Glibc)
import Glibc
#endif

/// `learn lab exec <host> [--] CMD...`
enum LabExec {
    static func run(_ args: [String]) throws -> Never {
        guard let host = args.first else { throw failure("usage: learn lab exec <host> -- <command> ...") }
        var argv = Array(args.dropFirst())
        if argv.first == "--" { argv.removeFirst() }
        if argv.isEmpty { argv = [ProcessInfo.processInfo.environment["SHELL"] ?? "/bin/sh"] }
        let full: [String]
        do {
            full = try Lab.enclosingCommand(on: host, argv)
        } catch LabError.shutDown {
            throw failure("the lab this shell was started in is gone.")
        } catch let e as LabError {
            throw failure(e.description)
        }
        // Replace this process, so the terminal, signals and exit status are CMD's.
        var cArgs: [UnsafeMutablePointer<CChar>?] = full.map { strdup($0) } + [nil]
        execv(full[0], &cArgs)
        throw failure("could not run \(full[0]): \(String(cString: strerror(errno)))")
    }

    /// One line on stderr and exit status 1 (a ValidationError would add the usage).
    static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("learn lab exec: \(message)\n".utf8))
        return ExitCode(1)
    }
}
