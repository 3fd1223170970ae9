// Lesson 09, multicasting: the reference solution.
import Glibc

/// Why `sendToGroup` gave up.
enum MulticastError: Error, CustomStringConvertible {
    /// The destination is not a dotted-quad address in 224.0.0.0/4.
    case notMulticast(String)
    /// The interface is not a dotted-quad IPv4 address.
    case badInterface(String)
    /// A system call failed; `code` is the errno it left.
    case systemCall(String, code: Int32)
    /// sendto took only part of the datagram (it never should for UDP).
    case shortSend(sent: Int, expected: Int)

    var description: String {
        switch self {
        case .notMulticast(let address):
            return "\(address) is not an IPv4 multicast address (224.0.0.0/4)"
        case .badInterface(let address):
            return "\(address) is not a dotted-quad IPv4 interface address"
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .shortSend(let sent, let expected):
            return "sendto sent \(sent) of \(expected) bytes"
        }
    }
}

/// True when `address` is a dotted-quad IPv4 multicast address, 224.0.0.0 through
/// 239.255.255.255. Anything inet_pton(AF_INET) rejects is false.
func isMulticast(_ address: String) -> Bool {
    guard let number = dottedQuadToNumber(address) else { return false }
    return number >> 28 == 0b1110
}

/// The address as one 32-bit number, first octet most significant:
/// "235.5.5.5" -> 0xEB050505. nil for anything inet_pton(AF_INET) rejects.
func dottedQuadToNumber(_ address: String) -> UInt32? {
    var parsed = in_addr()
    guard inet_pton(AF_INET, address, &parsed) == 1 else { return nil }
    // s_addr holds the four bytes in network order (big-endian).
    return UInt32(bigEndian: parsed.s_addr)
}

/// Sends `message`, UTF-8 encoded, as exactly one UDP datagram to group:port,
/// leaving through the interface that owns the IPv4 address `interface`.
/// Throws when `group` is not a multicast address or a socket call fails.
func sendToGroup(_ message: String, group: String, port: UInt16, interface: String) throws {
    guard isMulticast(group), let groupNumber = dottedQuadToNumber(group) else {
        throw MulticastError.notMulticast(group)
    }
    guard let interfaceNumber = dottedQuadToNumber(interface) else {
        throw MulticastError.badInterface(interface)
    }

    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw MulticastError.systemCall("socket", code: errno) }
    defer { close(fd) }

    // Leave through the interface that owns this address, not by the default route.
    var outgoing = in_addr(s_addr: interfaceNumber.bigEndian)
    let status = setsockopt(fd, Int32(IPPROTO_IP), IP_MULTICAST_IF,
                         &outgoing, socklen_t(MemoryLayout<in_addr>.size))
    guard status == 0 else {
        throw MulticastError.systemCall("setsockopt(IP_MULTICAST_IF)", code: errno)
    }

    var destination = sockaddr_in()
    destination.sin_family = sa_family_t(AF_INET)
    destination.sin_port = port.bigEndian
    destination.sin_addr = in_addr(s_addr: groupNumber.bigEndian)

    let bytes = Array(message.utf8)
    let sent = bytes.withUnsafeBytes { payload in
        withUnsafePointer(to: &destination) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                sendto(fd, payload.baseAddress, payload.count, 0,
                       address, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
    guard sent >= 0 else { throw MulticastError.systemCall("sendto", code: errno) }
    guard sent == bytes.count else {
        throw MulticastError.shortSend(sent: sent, expected: bytes.count)
    }
}
