import Glibc

extension Harness {
    /// A datagram as a harness socket received it.
    struct Datagram {
        let bytes: [UInt8]
        let sender: String
        let senderPort: UInt16
        /// The TTL it arrived with, when IP_RECVTTL is on.
        let ttl: Int?
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A UDP socket owned by the harness; closed when it goes away.
    final class UDPSocket {
        let fd: Int32

        /// A new AF_INET UDP socket with SO_REUSEADDR, bound to bindAddress:port (0: any free port).
        /// IP_MULTICAST_ALL is off, so it hears only the groups it joined itself: with Linux's
        /// default (on) a socket would also hear groups that *another* socket joined.
        init(bindTo bindAddress: String = "0.0.0.0", port: UInt16 = 0) throws {
            fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(Text(errnoText("socket"), ko: errnoText("socket"))) }
            do {
                try setOption(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
                try setOption(Int32(IPPROTO_IP), 49 /* IP_MULTICAST_ALL */, 0, "IP_MULTICAST_ALL")
                var address = try socketAddress(bindAddress, port)
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                if bound != 0 { throw OSError(call: "bind", code: errno) }
            } catch {
                close(fd)
                throw error
            }
        }

        deinit { close(fd) }

        /// A receiver on a random free port; another random port when one is taken.
        static func receiver(bindTo bindAddress: String = "0.0.0.0") throws -> UDPSocket {
            var lastError: Error = Failure(Text("no free port", ko: "빈 포트가 없습니다"))
            for _ in 0..<20 {
                do { return try UDPSocket(bindTo: bindAddress, port: randomPort()) } catch let error as OSError where error.code == EADDRINUSE {
                    lastError = error
                }
            }
            throw lastError
        }

        var port: UInt16 {
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return UInt16(bigEndian: address.sin_port)
        }

        func join(_ group: String, interface: String) throws {
            var request = try membership(group, interface)
            try setOption(Int32(IPPROTO_IP), IP_ADD_MEMBERSHIP, &request, "IP_ADD_MEMBERSHIP")
        }

        func leave(_ group: String, interface: String) throws {
            var request = try membership(group, interface)
            try setOption(Int32(IPPROTO_IP), IP_DROP_MEMBERSHIP, &request, "IP_DROP_MEMBERSHIP")
        }

        func setMulticastInterface(_ address: String) throws {
            var interface = try socketAddress(address, 0).sin_addr
            try setOption(Int32(IPPROTO_IP), IP_MULTICAST_IF, &interface, "IP_MULTICAST_IF")
        }

        func setMulticastTTL(_ ttl: Int32) throws {
            try setOption(Int32(IPPROTO_IP), IP_MULTICAST_TTL, ttl, "IP_MULTICAST_TTL")
        }

        func setReceiveTTL(_ on: Bool) throws {
            try setOption(Int32(IPPROTO_IP), IP_RECVTTL, on ? 1 : 0, "IP_RECVTTL")
        }

        @discardableResult
        func send(_ bytes: [UInt8], to host: String, port: UInt16) throws -> Int {
            try sendDatagram(fd, bytes, to: try socketAddress(host, port))
        }

        @discardableResult
        func send(_ text: String, to host: String, port: UInt16) throws -> Int {
            try send(Array(text.utf8), to: host, port: port)
        }

        /// Everything already queued, without waiting. On one host a multicast datagram has been
        /// delivered to every member by the time sendto returns, so "nothing arrived" is known at once.
        func drain() -> [Datagram] {
            var all: [Datagram] = []
            while let datagram = receiveOne(flags: Int32(MSG_DONTWAIT)) { all.append(datagram) }
            return all
        }

        /// One datagram, waiting at most `timeout` seconds.
        func receive(timeout: Double) -> Datagram? {
            waitReadable(fd, timeout: timeout) ? receiveOne(flags: Int32(MSG_DONTWAIT)) : nil
        }

        private func receiveOne(flags: Int32) -> Datagram? {
            guard let received = receiveDatagram(fd, flags: flags, empty: sockaddr_in()) else { return nil }
            return Datagram(bytes: received.bytes, sender: ipv4Text(received.from.sin_addr),
                            senderPort: UInt16(bigEndian: received.from.sin_port),
                            ttl: ttlFromControl(received.control))
        }

        /// The TTL the datagram arrived with, from the IP_RECVTTL control message.
        private func ttlFromControl(_ control: [UInt8]) -> Int? {
            controlInteger(control, level: Int32(IPPROTO_IP), type: IP_TTL).map(Int.init)
        }

        private func membership(_ group: String, _ interface: String) throws -> ip_mreq {
            ip_mreq(imr_multiaddr: try socketAddress(group, 0).sin_addr,
                    imr_interface: try socketAddress(interface, 0).sin_addr)
        }

        private func setOption(_ level: Int32, _ name: Int32, _ value: Int32, _ label: String) throws {
            var value = value
            try setOption(level, name, &value, label)
        }

        private func setOption<T: BitwiseCopyable>(_ level: Int32, _ name: Int32, _ value: inout T, _ label: String) throws {
            let result = withUnsafeBytes(of: &value) { setsockopt(fd, level, name, $0.baseAddress, socklen_t($0.count)) }
            if result != 0 {
                throw OSError(call: "setsockopt(\(label))", code: errno)
            }
        }
    }

    /// A failed system call of the harness itself, with its errno.
    struct OSError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call): \(String(cString: strerror(code)))" }
    }
}
