// Lesson 02, addresses: the reference solution.
import Glibc

/// An IP address and a port. `host` is the address in canonical text, as inet_ntop writes
/// it ("1.2.3.4", "::1", "2001:db8::1", "::ffff:1.2.3.4"), followed for a scoped IPv6
/// address by "%" and the interface's name ("fe80::1%lo").
struct IPEndpoint: Equatable, CustomStringConvertible {
    let host: String
    let port: UInt16

    /// "1.2.3.4:80"; an IPv6 address in brackets: "[::1]:8080", "[fe80::1%lo]:9".
    var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// Why a text is not an endpoint.
struct AddressError: Error, CustomStringConvertible {
    let description: String
}

/// Parses "1.2.3.4:80", "[::1]:8080" or "[fe80::1%lo]:9" into an endpoint with the address in
/// canonical text ("[2001:DB8:0::1]:443" gives host "2001:db8::1"). The port is 1 to 5 decimal
/// digits, 0...65535. An IPv6 address must be in brackets; an IPv4 address must not be. A zone
/// after "%" must name an interface of this host. Throws for anything else.
func parseEndpoint(_ text: String) throws -> IPEndpoint {
    let hostText: Substring
    let portText: Substring
    if text.hasPrefix("[") {
        guard let close = text.firstIndex(of: "]") else {
            throw AddressError(description: "no ] after the IPv6 address")
        }
        hostText = text[text.index(after: text.startIndex)..<close]
        let rest = text[text.index(after: close)...]
        guard rest.first == ":" else { throw AddressError(description: "no :port after ]") }
        portText = rest.dropFirst()
        guard hostText.contains(":") else {
            throw AddressError(description: "brackets are for IPv6 addresses only")
        }
    } else {
        guard let colon = text.lastIndex(of: ":") else {
            throw AddressError(description: "no port")
        }
        hostText = text[..<colon]
        portText = text[text.index(after: colon)...]
        guard !hostText.contains(":") else {
            throw AddressError(description: "an IPv6 address needs brackets, [::1]:80")
        }
    }
    guard (1...5).contains(portText.count), portText.allSatisfy({ ("0"..."9").contains($0) }),
          let port = UInt16(portText) else {
        throw AddressError(description: "the port must be a number from 0 to 65535")
    }
    return IPEndpoint(host: try canonicalHost(String(hostText)), port: port)
}

/// The canonical text of a numeric address, with its zone checked; throws when it is none.
private func canonicalHost(_ text: String) throws -> String {
    let parts = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
    let address = String(parts[0])
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    if parts.count == 1, !address.contains(":") {
        var raw = in_addr()
        guard inet_pton(AF_INET, address, &raw) == 1 else {
            throw AddressError(description: "not an IPv4 address")
        }
        inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
        return String(cString: buffer)
    }
    var raw = in6_addr()
    guard inet_pton(AF_INET6, address, &raw) == 1 else {
        throw AddressError(description: "not an IPv6 address")
    }
    inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
    var canonical = String(cString: buffer)
    if parts.count == 2 {
        let zone = String(parts[1])
        guard !zone.isEmpty, if_nametoindex(zone) != 0 else {
            throw AddressError(description: "no interface \"\(zone)\" here")
        }
        canonical += "%" + zone
    }
    return canonical
}

/// The socket address for `endpoint`, ready for bind, connect or sendto: a sockaddr_in (16
/// bytes) for IPv4 or a sockaddr_in6 (28 bytes, with the zone's interface index as
/// sin6_scope_id) for IPv6, inside a sockaddr_storage, and its length.
func makeSocketAddress(for endpoint: IPEndpoint) throws -> (storage: sockaddr_storage, length: socklen_t) {
    var storage = sockaddr_storage()
    let parts = endpoint.host.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
    let address = String(parts[0])
    if !address.contains(":") {
        var ipv4 = sockaddr_in()
        ipv4.sin_family = sa_family_t(AF_INET)
        ipv4.sin_port = endpoint.port.bigEndian
        guard inet_pton(AF_INET, address, &ipv4.sin_addr) == 1 else {
            throw AddressError(description: "\"\(endpoint.host)\" is not an IPv4 address")
        }
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: &ipv4) { target.copyMemory(from: $0) }
        }
        return (storage, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
    var ipv6 = sockaddr_in6()
    ipv6.sin6_family = sa_family_t(AF_INET6)
    ipv6.sin6_port = endpoint.port.bigEndian
    guard inet_pton(AF_INET6, address, &ipv6.sin6_addr) == 1 else {
        throw AddressError(description: "\"\(endpoint.host)\" is not an IPv6 address")
    }
    if parts.count == 2 {
        let index = if_nametoindex(String(parts[1]))
        guard index != 0 else { throw AddressError(description: "no interface \"\(parts[1])\" here") }
        ipv6.sin6_scope_id = index
    }
    withUnsafeMutableBytes(of: &storage) { target in
        withUnsafeBytes(of: &ipv6) { target.copyMemory(from: $0) }
    }
    return (storage, socklen_t(MemoryLayout<sockaddr_in6>.size))
}

/// The endpoint a sockaddr_in or sockaddr_in6 holds (what getsockname, getpeername, accept or
/// recvfrom filled in): the canonical address, "%" and the interface's name when
/// sin6_scope_id is not 0, and the port. Throws for any other family.
func readSocketAddress(_ storage: sockaddr_storage) throws -> IPEndpoint {
    var copy = storage
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    switch Int32(storage.ss_family) {
    case AF_INET:
        var ipv4 = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in.self) }
        inet_ntop(AF_INET, &ipv4.sin_addr, &buffer, socklen_t(buffer.count))
        return IPEndpoint(host: String(cString: buffer), port: UInt16(bigEndian: ipv4.sin_port))
    case AF_INET6:
        var ipv6 = withUnsafeBytes(of: &copy) { $0.load(as: sockaddr_in6.self) }
        inet_ntop(AF_INET6, &ipv6.sin6_addr, &buffer, socklen_t(buffer.count))
        var host = String(cString: buffer)
        if ipv6.sin6_scope_id != 0 {
            var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE))
            guard if_indextoname(ipv6.sin6_scope_id, &name) != nil else {
                throw AddressError(description: "no interface with index \(ipv6.sin6_scope_id)")
            }
            host += "%" + String(cString: name)
        }
        return IPEndpoint(host: host, port: UInt16(bigEndian: ipv6.sin6_port))
    default:
        throw AddressError(description: "address family \(storage.ss_family) is neither AF_INET nor AF_INET6")
    }
}
