import Foundation
import NetLab

/// `learn lab exec <host> -- <command>`: runs a command on another host of the lab the
/// current shell was started in.
public enum LabExec {
    /// Replaces this process with `command` (the learner's shell when empty) on `host`, so
    /// the terminal, signals and exit status are the command's.
    public static func run(host: String, command: [String], words: Words) throws -> Never {
        guard let hosts = Lab.enclosingHosts() else { throw LearnError.failure(words.labNotInside) }
        guard hosts[host] != nil else { throw LearnError.usage(words.labNoHost(host, hosts.keys.sorted())) }
        let argv = command.isEmpty ? [ProcessInfo.processInfo.environment["SHELL"] ?? "/bin/sh"] : command
        let full: [String]
        do {
            full = try Lab.enclosingCommand(on: host, argv)
        } catch LabError.shutDown {
            throw LearnError.failure(words.labGone)
        } catch let error as LabError {
            throw LearnError.failure(error.description)
        }
        var cArguments: [UnsafeMutablePointer<CChar>?] = full.map { strdup($0) } + [nil]
        execv(full[0], &cArguments)
        throw LearnError.failure(words.labCannotRun(full[0], String(cString: strerror(errno))))
    }
}
