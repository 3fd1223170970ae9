import Glibc

extension Harness {
    /// Sends `bytes` as one datagram to `address` (a sockaddr_in or sockaddr_in6).
    static func sendDatagram<Address>(_ fd: Int32, _ bytes: [UInt8], to address: Address) throws -> Int {
        var address = address
        let sent = bytes.withUnsafeBytes { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<Address>.size))
                }
            }
        }
        if sent < 0 { throw OSError(call: "sendto", code: errno) }
        return sent
    }

    /// One datagram with recvmsg: its bytes, the sender's address (filled into a value like
    /// `empty`), and the control messages (IP_RECVTTL, IPV6_RECVHOPLIMIT). nil when none is
    /// queued (with MSG_DONTWAIT) or the call fails.
    static func receiveDatagram<Address>(_ fd: Int32, flags: Int32, empty: Address)
        -> (bytes: [UInt8], from: Address, control: [UInt8])? {
        var data = [UInt8](repeating: 0, count: 65536)
        var control = [UInt8](repeating: 0, count: 256)
        var from = empty
        var controlLength = 0
        let count: Int = data.withUnsafeMutableBytes { dataBuffer in
            control.withUnsafeMutableBytes { controlBuffer in
                withUnsafeMutablePointer(to: &from) { fromPointer in
                    var vector = iovec(iov_base: dataBuffer.baseAddress, iov_len: dataBuffer.count)
                    return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                        var message = msghdr()
                        message.msg_name = UnsafeMutableRawPointer(fromPointer)
                        message.msg_namelen = socklen_t(MemoryLayout<Address>.size)
                        message.msg_iov = vectorPointer
                        message.msg_iovlen = 1
                        message.msg_control = controlBuffer.baseAddress
                        message.msg_controllen = controlBuffer.count
                        let n = recvmsg(fd, &message, flags)
                        controlLength = Int(message.msg_controllen)
                        return n
                    }
                }
            }
        }
        guard count >= 0 else { return nil }
        return (Array(data[0..<count]), from, Array(control[0..<min(controlLength, control.count)]))
    }

    /// Waits until `fd` has something to read, at most `timeout` seconds.
    static func waitReadable(_ fd: Int32, timeout: Double) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let deadline = monotonicSeconds() + timeout
        while true {
            let left = deadline - monotonicSeconds()
            if left <= 0 { return false }
            let ready = poll(&entry, 1, Int32(left * 1000) + 1)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return false }
        }
    }
}
