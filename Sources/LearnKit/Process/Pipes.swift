import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pipes between `learn` and one child: stdin, stdout, stderr and, for checks, the result channel.
/// Every descriptor is close-on-exec, so no other child inherits them by accident.
struct Pipes {
    struct Pair { let read: Int32; let write: Int32 }
    let stdin: Pair
    let stdout: Pair
    let stderr: Pair
    let channel: Pair?

    init(channel wantsChannel: Bool) throws {
        stdin = try Pipes.make()
        stdout = try Pipes.make()
        stderr = try Pipes.make()
        channel = wantsChannel ? try Pipes.make() : nil
    }

    private static func make() throws -> Pair {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            throw ChildProcess.LaunchError(program: "pipe", code: errno)
        }
        // pipe2(O_CLOEXEC) is not exported to Swift; `learn` spawns from one thread at a time.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return Pair(read: fds[0], write: fds[1])
    }

    func closeChildEnds() {
        close(stdin.read); close(stdout.write); close(stderr.write)
        if let channel { close(channel.write) }
    }

    /// Writes the child's whole input, then closes stdin. Inputs here are tiny (a token),
    /// far below a pipe's buffer, so this cannot block on a child that does not read.
    func feed(_ input: [UInt8]) {
        var offset = 0
        while offset < input.count {
            let n = input.withUnsafeBytes { write(stdin.write, $0.baseAddress! + offset, input.count - offset) }
            if n <= 0 { if errno == EINTR { continue }; break }
            offset += n
        }
        close(stdin.write)
    }

    func closeParentEnds() {
        close(stdout.read); close(stderr.read)
        if let channel { close(channel.read) }
    }
}
