import Glibc

extension Harness {
    /// One row of /proc/net/igmp: a group the host has joined on an interface.
    struct IGMPMembership: Equatable {
        let interface: String
        let group: String
        /// How many memberships (sockets, and the kernel's own) hold it there.
        let users: Int
    }

    /// The IPv4 groups joined in this network namespace, read from /proc/net/igmp.
    /// The kernel prints each group as `%08X` of the raw (network order) s_addr, so on x86
    /// 239.1.2.3 shows as `030201EF`: the number is put back into an in_addr unchanged.
    static func igmpMemberships(path: String = "/proc/net/igmp") throws -> [IGMPMembership] {
        guard let file = fopen(path, "r") else { throw OSError(call: "fopen(\(path))", code: errno) }
        defer { fclose(file) }
        var memberships: [IGMPMembership] = []
        var device: String?
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            if text.hasPrefix("Idx") || fields.isEmpty { continue }
            if !text.hasPrefix("\t") {
                // "1\tlo        :     1      V3": the device name, then a colon.
                device = fields.count > 1 ? String(fields[1].split(separator: ":")[0]) : nil
            } else if let device, let raw = UInt32(fields[0], radix: 16) {
                let users = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
                memberships.append(IGMPMembership(interface: device, group: ipv4Text(in_addr(s_addr: raw)), users: users))
            }
        }
        return memberships
    }

    /// The interfaces on which /proc/net/igmp lists `group`.
    static func igmpInterfaces(of group: String) throws -> [String] {
        try igmpMemberships().filter { $0.group == group }.map(\.interface)
    }

    /// The local IPv4 address and port a socket is bound to (getsockname); nil when `fd` is not
    /// an open AF_INET socket.
    static func boundAddress(_ fd: Int32) -> (address: String, port: UInt16)? {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0, address.sin_family == sa_family_t(AF_INET) else { return nil }
        return (ipv4Text(address.sin_addr), UInt16(bigEndian: address.sin_port))
    }
}
