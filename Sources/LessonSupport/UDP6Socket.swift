import Glibc

extension Harness {
    /// A datagram as a harness IPv6 socket received it.
    struct Datagram6 {
        let bytes: [UInt8]
        let sender: String
        let senderPort: UInt16
        /// The hop limit it arrived with, when IPV6_RECVHOPLIMIT is on.
        let hopLimit: Int?
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// An AF_INET6 UDP socket owned by the harness; closed when it goes away. IPv6 only
    /// (IPV6_V6ONLY on). Memberships name an interface by its *index*, as ipv6_mreq does.
    final class UDP6Socket {
        let fd: Int32

        /// A new socket with SO_REUSEADDR, bound to bindAddress:port (port 0: any free port).
        /// IPV6_MULTICAST_ALL is off, so it hears only the groups it joined itself.
        init(bindTo bindAddress: String = "::", port: UInt16 = 0) throws {
            fd = socket(AF_INET6, Int32(SOCK_DGRAM.rawValue), 0)
            guard fd >= 0 else { throw OSError(call: "socket(AF_INET6)", code: errno) }
            do {
                try setOption(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR")
                try setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1, "IPV6_V6ONLY")
                try setOption(Int32(IPPROTO_IPV6), 29 /* IPV6_MULTICAST_ALL */, 0, "IPV6_MULTICAST_ALL")
                var address = try socketAddress6(bindAddress, port)
                let bound = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
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
        static func receiver(bindTo bindAddress: String = "::") throws -> UDP6Socket {
            var lastError: Error = Failure(Text("no free port", ko: "빈 포트가 없습니다"))
            for _ in 0..<20 {
                do { return try UDP6Socket(bindTo: bindAddress, port: randomPort()) } catch let error as OSError where error.code == EADDRINUSE {
                    lastError = error
                }
            }
            throw lastError
        }

        var port: UInt16 {
            var address = sockaddr_in6()
            var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return UInt16(bigEndian: address.sin6_port)
        }

        /// IPV6_JOIN_GROUP on the interface with index `interfaceIndex` (never 0: name it).
        func join(_ group: String, interfaceIndex: UInt32) throws {
            var request = try membership6(group, interfaceIndex)
            try setOption(Int32(IPPROTO_IPV6), IPV6_JOIN_GROUP, &request, "IPV6_JOIN_GROUP")
        }

        func leave(_ group: String, interfaceIndex: UInt32) throws {
            var request = try membership6(group, interfaceIndex)
            try setOption(Int32(IPPROTO_IPV6), IPV6_LEAVE_GROUP, &request, "IPV6_LEAVE_GROUP")
        }

        /// IPV6_MULTICAST_IF: the outgoing interface, by index.
        func setMulticastInterface(index: UInt32) throws {
            try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_IF, Int32(bitPattern: index), "IPV6_MULTICAST_IF")
        }

        func setMulticastHops(_ hops: Int32) throws {
            try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_HOPS, hops, "IPV6_MULTICAST_HOPS")
        }

        func setMulticastLoop(_ on: Bool) throws {
            try setOption(Int32(IPPROTO_IPV6), IPV6_MULTICAST_LOOP, on ? 1 : 0, "IPV6_MULTICAST_LOOP")
        }

        /// IPV6_RECVHOPLIMIT: received datagrams carry their hop limit (Datagram6.hopLimit).
        func setReceiveHopLimit(_ on: Bool) throws {
            try setOption(Int32(IPPROTO_IPV6), 51 /* IPV6_RECVHOPLIMIT */, on ? 1 : 0, "IPV6_RECVHOPLIMIT")
        }

        @discardableResult
        func send(_ bytes: [UInt8], to host: String, port: UInt16) throws -> Int {
            try sendDatagram(fd, bytes, to: try socketAddress6(host, port))
        }

        @discardableResult
        func send(_ text: String, to host: String, port: UInt16) throws -> Int {
            try send(Array(text.utf8), to: host, port: port)
        }

        /// Everything already queued, without waiting.
        func drain() -> [Datagram6] {
            var all: [Datagram6] = []
            while let datagram = receiveOne(flags: Int32(MSG_DONTWAIT)) { all.append(datagram) }
            return all
        }

        /// One datagram, waiting at most `timeout` seconds.
        func receive(timeout: Double) -> Datagram6? {
            waitReadable(fd, timeout: timeout) ? receiveOne(flags: Int32(MSG_DONTWAIT)) : nil
        }

        private func receiveOne(flags: Int32) -> Datagram6? {
            guard let received = receiveDatagram(fd, flags: flags, empty: sockaddr_in6()) else { return nil }
            let hops = controlInteger(received.control, level: Int32(IPPROTO_IPV6), type: 52 /* IPV6_HOPLIMIT */)
            return Datagram6(bytes: received.bytes, sender: ipv6Text(received.from.sin6_addr),
                             senderPort: UInt16(bigEndian: received.from.sin6_port), hopLimit: hops.map(Int.init))
        }

        private func membership6(_ group: String, _ index: UInt32) throws -> ipv6_mreq {
            guard let address = ipv6(group) else {
                throw Failure(Text("\"\(group)\" is not an IPv6 address.", ko: "\"\(group)\"는 IPv6 주소가 아닙니다."))
            }
            return ipv6_mreq(ipv6mr_multiaddr: address, ipv6mr_interface: index)
        }

        private func setOption(_ level: Int32, _ name: Int32, _ value: Int32, _ label: String) throws {
            var value = value
            try setOption(level, name, &value, label)
        }

        private func setOption<T>(_ level: Int32, _ name: Int32, _ value: inout T, _ label: String) throws {
            let result = withUnsafeBytes(of: &value) { setsockopt(fd, level, name, $0.baseAddress, socklen_t($0.count)) }
            if result != 0 {
                throw OSError(call: "setsockopt(\(label))", code: errno)
            }
        }
    }

    /// An int-valued socket option as getsockopt reads it back (IP_MULTICAST_LOOP,
    /// IPV6_MULTICAST_HOPS, ...), read by the harness itself so a check can see what a
    /// learner's setsockopt really did.
    static func intOption(_ fd: Int32, level: Int32, name: Int32, label: String = "getsockopt") throws -> Int32 {
        var value: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, level, name, &value, &length) == 0 else {
            throw OSError(call: "getsockopt(\(label))", code: errno)
        }
        // Some IPv4 options (IP_MULTICAST_LOOP, IP_MULTICAST_TTL) may answer in one byte.
        if length == 1 { return Int32(UInt8(truncatingIfNeeded: value)) }
        return value
    }

    /// Sets an int-valued socket option on any descriptor (for a check's own set-up).
    static func setIntOption(_ fd: Int32, level: Int32, name: Int32, _ value: Int32, label: String) throws {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw OSError(call: "setsockopt(\(label))", code: errno)
        }
    }

    /// The first Int32 of a control message of this level and type in a recvmsg control
    /// buffer. CMSG_* macros are not imported into Swift: cmsghdr is { size_t len; int
    /// level; int type; } (16 bytes) and each message is padded to 8 bytes.
    static func controlInteger(_ control: [UInt8], level wanted: Int32, type wantedType: Int32) -> Int32? {
        var offset = 0
        func integer<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T {
            var value: T = 0
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: control[at..<at + MemoryLayout<T>.size]) }
            return value
        }
        while offset + 16 <= control.count {
            let length = Int(integer(offset, UInt64.self))
            let level = integer(offset + 8, Int32.self)
            let type = integer(offset + 12, Int32.self)
            if length < 16 || offset + length > control.count { return nil }
            if level == wanted && type == wantedType && length >= 20 {
                return integer(offset + 16, Int32.self)
            }
            offset += (length + 7) & ~7
        }
        return nil
    }

    /// A random transient link-local IPv6 group, ff12::XXXX:XXXX, so two runs at the same
    /// time never share a group. (Flags 1: transient, not IANA-assigned; scope 2: one link.)
    static func randomGroupV6() -> String {
        let high = UInt16.random(in: 1...0xFFFF), low = UInt16.random(in: 1...0xFFFF)
        return "ff12::\(String(high, radix: 16)):\(String(low, radix: 16))"
    }

    /// An IPv6 address, or nil when inet_pton(AF_INET6) rejects it.
    static func ipv6(_ text: String) -> in6_addr? {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1 ? address : nil
    }

    static func ipv6Text(_ address: in6_addr) -> String {
        var copy = address
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        inet_ntop(AF_INET6, &copy, &buffer, socklen_t(buffer.count))
        return String(cString: buffer)
    }

    static func socketAddress6(_ host: String, _ port: UInt16) throws -> sockaddr_in6 {
        guard let address = ipv6(host) else {
            throw Failure(Text("\"\(host)\" is not an IPv6 address.", ko: "\"\(host)\"는 IPv6 주소가 아닙니다."))
        }
        var socketAddress = sockaddr_in6()
        socketAddress.sin6_family = sa_family_t(AF_INET6)
        socketAddress.sin6_port = port.bigEndian
        socketAddress.sin6_addr = address
        return socketAddress
    }

    /// The index of the interface called `name` (if_nametoindex), or nil when there is none.
    static func interfaceIndex(_ name: String) -> UInt32? {
        let index = if_nametoindex(name)
        return index == 0 ? nil : index
    }
}
