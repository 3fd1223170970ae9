import Glibc

extension Harness {
    /// One row of /proc/net/igmp6: an IPv6 group some socket (or the kernel) on this host
    /// joined on one interface.
    struct IPv6Membership {
        let interfaceIndex: UInt32
        let interface: String
        /// The group as inet_ntop writes it (compressed, lowercase).
        let group: String
        /// How many memberships (sockets, kernel) hold it on this interface.
        let users: Int
    }

    /// The IPv6 group memberships of this host's network namespace, from /proc/net/igmp6.
    /// Its rows are `idx dev ff020000000000000000000000000001 users flags timer`, the group
    /// as 32 hex digits. Empty when the file cannot be read.
    static func ipv6Memberships() -> [IPv6Membership] {
        guard let file = fopen("/proc/net/igmp6", "r") else { return [] }
        defer { fclose(file) }
        var rows: [IPv6Membership] = []
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let fields = String(cString: line).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            guard fields.count >= 4, let index = UInt32(fields[0]), fields[2].count == 32,
                  let users = Int(fields[3]) else { continue }
            let hex = Array(fields[2].utf8)
            var address = in6_addr()
            var valid = true
            withUnsafeMutableBytes(of: &address) { bytes in
                for i in 0..<16 {
                    guard let byte = UInt8(String(decoding: hex[2 * i..<2 * i + 2], as: UTF8.self), radix: 16) else {
                        valid = false
                        return
                    }
                    bytes[i] = byte
                }
            }
            guard valid else { continue }
            rows.append(IPv6Membership(interfaceIndex: index, interface: String(fields[1]),
                                       group: ipv6Text(address), users: users))
        }
        return rows
    }

    /// The rows of /proc/net/igmp6 for `group` (any spelling inet_pton accepts).
    static func ipv6Memberships(of group: String) -> [IPv6Membership] {
        guard let wanted = ipv6(group) else { return [] }
        let text = ipv6Text(wanted)
        return ipv6Memberships().filter { $0.group == text }
    }

    /// The raw /proc/net/igmp6 line for `group` on interface `name`, for demos to show.
    static func igmp6Line(group: String, interface name: String) -> String? {
        guard let wanted = ipv6(group) else { return nil }
        var hex = ""
        withUnsafeBytes(of: wanted) { bytes in
            for byte in bytes {
                let digits = String(byte, radix: 16)
                hex += digits.count == 1 ? "0" + digits : digits
            }
        }
        guard let file = fopen("/proc/net/igmp6", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 3 && fields[1] == name && fields[2] == hex {
                return text.hasSuffix("\n") ? String(text.dropLast()) : text
            }
        }
        return nil
    }
}
