import Glibc

extension Harness {
    /// What a stream socket delivered: the bytes, and whether the peer's end of stream came.
    struct StreamRead {
        var bytes: [UInt8] = []
        /// True when read returned 0 (the peer closed or shut down its sending side).
        var ended = false
        /// The errno of a failed read (ECONNRESET, ...), 0 when none failed.
        var error: Int32 = 0
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Reads `fd` until its end of stream, an error, or `timeout` seconds, and says which came.
    static func readStream(_ fd: Int32, timeout: Double) -> StreamRead {
        var result = StreamRead()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let deadline = monotonicSeconds() + timeout
        while true {
            let left = deadline - monotonicSeconds()
            if left <= 0 { return result }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return result }
            let n = read(fd, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { result.error = errno; return result }
            if n == 0 { result.ended = true; return result }
            result.bytes += buffer[0..<n]
        }
    }

    /// Reads `fd` until `bytes` ends with "\n", the stream ends, or `timeout` seconds pass.
    static func readLine(_ fd: Int32, timeout: Double) -> StreamRead {
        var result = StreamRead()
        var byte: UInt8 = 0
        let deadline = monotonicSeconds() + timeout
        while result.bytes.last != UInt8(ascii: "\n") {
            let left = deadline - monotonicSeconds()
            if left <= 0 { return result }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(left * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return result }
            let n = read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { result.error = errno; return result }
            if n == 0 { result.ended = true; return result }
            result.bytes.append(byte)
        }
        return result
    }

    /// Writes all of `bytes` to a socket (MSG_NOSIGNAL: a closed peer is an error, not SIGPIPE).
    static func sendAllBytes(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw OSError(call: "send", code: errno)
            }
            offset += n
        }
    }

    /// A part of a check that must run while the learner's code blocks (a client talking to a
    /// learner's server that sits in accept or recv): `body` runs in a forked child, which
    /// reports what it saw as lines the check reads once the learner's call has returned.
    /// The child ends with _exit (it never returns into the check), and is killed if still
    /// running when the peer goes away. A check may also make the learner's call there, to see
    /// how it ends: `outcome` tells the signal that killed it (SIGPIPE, say).
    final class Peer {
        let pid: pid_t
        private let reports: Int32
        private var finished = false

        init(_ body: (_ report: (String) -> Void) -> Void) throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw OSError(call: "pipe", code: errno) }
            fflush(stdout)
            fflush(stderr)
            let child = fork()
            if child == 0 {
                close(ends[0])
                let out = ends[1]
                body { line in writeAll(out, Array((line + "\n").utf8)) }
                _exit(0)
            }
            close(ends[1])
            guard child > 0 else {
                let code = errno
                close(ends[0])
                throw OSError(call: "fork", code: code)
            }
            pid = child
            reports = ends[0]
        }

        /// Every line the child reported, waiting at most `timeout` seconds for it to end.
        func lines(timeout: Double) -> [String] {
            outcome(timeout: timeout).lines
        }

        /// The lines, and the signal that ended the child (nil when it exited, or when the
        /// time ran out and the peer killed it).
        func outcome(timeout: Double) -> (lines: [String], signal: Int32?) {
            let read = readStream(reports, timeout: timeout)
            let lines = read.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            let status = finish(kill: !read.ended)
            let signal = status & 0x7f
            return (lines, read.ended && signal != 0 ? signal : nil)
        }

        /// Ends the child now (a peer that would go on sending for ever).
        func stop() { finish(kill: true) }

        /// Reaps the child, killing it first unless it has closed its report pipe (it only
        /// does so by ending: then it is reaped as it is, so the signal that ended it shows).
        @discardableResult
        private func finish(kill killFirst: Bool) -> Int32 {
            guard !finished else { return 0 }
            finished = true
            var status: Int32 = 0
            if killFirst { kill(pid, SIGKILL) }
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            close(reports)
            return status
        }

        deinit { finish(kill: true) }
    }

    /// Both ends of a fresh TCP connection on 127.0.0.1, as descriptors the caller closes.
    static func tcpPair() throws -> (client: Int32, server: Int32) {
        let listener = try TCPListener()
        let client = try tcpConnect(to: listener.endpoint)
        do {
            return (client, try listener.accept().fd)
        } catch {
            close(client)
            throw error
        }
    }

    /// A TCP client on `endpoint` with TCP_NODELAY, so each send leaves as a segment of its own.
    static func tcpClient(_ endpoint: Endpoint) throws -> Int32 {
        let fd = try tcpConnect(to: endpoint)
        var on: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    /// How many descriptors this process has open.
    static func openDescriptorCount() -> Int { openDescriptors().count }

    /// The states of the IPv4 TCP sockets whose local port is `port`, from /proc/net/tcp
    /// ("01" established, "06" TIME_WAIT, "0A" listening, ...).
    static func tcpStates(localPort port: UInt16) -> [String] {
        guard let file = fopen("/proc/net/tcp", "r") else { return [] }
        defer { fclose(file) }
        var states: [String] = []
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let fields = String(cString: line).split(separator: " ")
            guard fields.count > 3, let local = fields[1].split(separator: ":").last,
                  UInt16(local, radix: 16) == port else { continue }
            states.append(String(fields[3]))
        }
        return states
    }

    /// Clients connected to a listener in order before the learner's server runs (the kernel
    /// queues them, and accept hands them out in that order), each then handed to a peer
    /// process of its own: a room of real clients for a server that serves many at once.
    final class ClientRoom {
        let listenerSocket: TCPListener
        var listener: Int32 { listenerSocket.fd }
        let fds: [Int32]

        /// `sendBuffer` (when > 0) is set on the listener, so every accepted socket inherits
        /// it; `firstReceiveBuffer` (when > 0) on the first client, before it connects.
        init(count: Int, sendBuffer: Int32 = 0, firstReceiveBuffer: Int32 = 0) throws {
            listenerSocket = try TCPListener()
            if sendBuffer > 0 {
                try setIntOption(listenerSocket.fd, level: SOL_SOCKET, name: SO_SNDBUF, sendBuffer, label: "SO_SNDBUF")
            }
            var fds: [Int32] = []
            do {
                for index in 0..<count {
                    fds.append(try Harness.tcpConnect(to: listenerSocket.endpoint, receiveBuffer: index == 0 ? firstReceiveBuffer : 0))
                }
            } catch {
                for fd in fds { close(fd) }
                throw error
            }
            self.fds = fds
        }

        /// Runs `body` for client `index` in a peer process, with every other descriptor of
        /// the room closed there (a connection ends only when its last descriptor closes).
        func peer(_ index: Int, _ body: @escaping (Int32, (String) -> Void) -> Void) throws -> Peer {
            let own = fds[index], all = fds, listening = listener
            return try Peer { report in
                close(listening)
                for fd in all where fd != own { close(fd) }
                body(own, report)
                close(own)
            }
        }

        /// The room's own copies of the clients' descriptors, closed once every peer has its own.
        func closeCopies() {
            for fd in fds { close(fd) }
        }
    }

    /// A TCP client on `endpoint`, with SO_RCVBUF set first when `receiveBuffer` > 0 (before
    /// connect, so the window it offers is small from the start).
    static func tcpConnect(to endpoint: Endpoint, receiveBuffer: Int32) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw OSError(call: "socket", code: errno) }
        do {
            if receiveBuffer > 0 {
                try setIntOption(fd, level: SOL_SOCKET, name: SO_RCVBUF, receiveBuffer, label: "SO_RCVBUF")
            }
            var address = try socketAddress(endpoint.host, endpoint.port)
            let status = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard status == 0 else { throw OSError(call: "connect", code: errno) }
            return fd
        } catch {
            close(fd)
            throw error
        }
    }

    /// A connected socket whose peer has closed and answered bytes sent to it with a reset:
    /// from now on every send on it fails with EPIPE (and, without MSG_NOSIGNAL, raises
    /// SIGPIPE). Waits for the reset with poll (POLLERR), at most a second.
    static func resetByPeer() throws -> Int32 {
        let (client, server) = try tcpPair()
        close(server)
        do {
            try sendAllBytes(client, Array("hello".utf8))
            var entry = pollfd(fd: client, events: Int16(POLLOUT), revents: 0)
            let deadline = monotonicSeconds() + 1
            while entry.revents & Int16(POLLERR) == 0 && monotonicSeconds() < deadline { _ = poll(&entry, 1, 100) }
            guard entry.revents & Int16(POLLERR) != 0 else { throw OSError(call: "poll", code: ETIMEDOUT) }
            return client
        } catch {
            close(client)
            throw error
        }
    }

    /// Seconds with two decimals, for messages ("0.50").
    static func secondsText(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
