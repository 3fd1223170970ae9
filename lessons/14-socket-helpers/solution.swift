// Lesson 14, socket helpers: the reference solution.
import Glibc

/// Why a helper gave up.
enum SocketHelperError: Error, CustomStringConvertible {
    /// A system call failed; `code` is the errno it left.
    case systemCall(String, code: Int32)
    /// getaddrinfo failed; `code` is its EAI_* result (not an errno).
    case resolver(String, code: Int32)
    /// The socket's address is neither IPv4 nor IPv6.
    case unsupportedFamily(Int32)

    var description: String {
        switch self {
        case .systemCall(let name, let code):
            return "\(name): \(String(cString: strerror(code))) (errno \(code))"
        case .resolver(let host, let code):
            return "getaddrinfo: \(String(cString: gai_strerror(code))) (\(host))"
        case .unsupportedFamily(let family):
            return "address family \(family) is neither AF_INET nor AF_INET6"
        }
    }
}

/// The port of a service in /etc/services: ("http", "tcp") -> 80. nil if unknown.
func port(ofService name: String, protocol proto: String) -> UInt16? {
    guard let entry = getservbyname(name, proto) else { return nil }
    // s_port is an Int32 holding a 16-bit port in network byte order.
    return UInt16(bigEndian: UInt16(truncatingIfNeeded: entry.pointee.s_port))
}

/// The numeric address and port a socket is bound to ("127.0.0.1", 40123); IPv6 too,
/// the address written as inet_ntop writes it ("::1").
func localEndpoint(of fd: Int32) throws -> (host: String, port: UInt16) {
    try endpoint(of: fd, call: "getsockname", getsockname)
}

/// The numeric address and port of the connected peer, written the same way.
/// Throws when not connected (any error).
func peerEndpoint(of fd: Int32) throws -> (host: String, port: UInt16) {
    try endpoint(of: fd, call: "getpeername", getpeername)
}

/// getsockname and getpeername have the same shape: fill in an address, set its length.
private func endpoint(
    of fd: Int32, call: String,
    _ ask: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
) throws -> (host: String, port: UInt16) {
    // sockaddr_storage is big enough for any family's address.
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let status = withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { ask(fd, $0, &length) }
    }
    guard status == 0 else { throw SocketHelperError.systemCall(call, code: errno) }
    return try numericEndpoint(storage)
}

/// The address as inet_ntop writes it and the port in host byte order.
private func numericEndpoint(_ storage: sockaddr_storage) throws -> (host: String, port: UInt16) {
    var copy = storage
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    switch Int32(storage.ss_family) {
    case AF_INET:
        let address = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
        }
        var bytes = address.sin_addr
        inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count))
        return (String(cString: text), UInt16(bigEndian: address.sin_port))
    case AF_INET6:
        let address = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
        }
        var bytes = address.sin6_addr
        inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
        return (String(cString: text), UInt16(bigEndian: address.sin6_port))
    default:
        throw SocketHelperError.unsupportedFamily(Int32(storage.ss_family))
    }
}

/// Every distinct numeric address `host` resolves to, in getaddrinfo's order, IPv4 and IPv6.
func resolve(_ host: String) throws -> [String] {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    // One socket type, or every address comes back once per type (stream, datagram, raw).
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &list)
    guard status == 0 else { throw SocketHelperError.resolver(host, code: status) }
    defer { freeaddrinfo(list) }

    var addresses: [String] = []
    var node = list
    while let entry = node?.pointee {
        node = entry.ai_next
        guard let address = entry.ai_addr else { continue }
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(
                start: address, count: min(Int(entry.ai_addrlen), target.count)))
        }
        let text = try numericEndpoint(storage).host
        if !addresses.contains(text) { addresses.append(text) }
    }
    return addresses
}

/// This host's name.
func hostName() -> String {
    // HOST_NAME_MAX is 64 on Linux; one more for the terminating NUL.
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
    return String(cString: buffer)
}

/// Python's socket.getfqdn: resolve `name` (this host's name when empty, "0.0.0.0" or
/// "::"), look its
/// address up in reverse (gethostbyaddr); return the first of the canonical name and
/// its aliases that contains a dot, else the canonical name; `name` when a lookup fails.
func fullyQualifiedName(_ name: String) -> String {
    // Python also treats the wildcard addresses as "this host".
    let name = name.isEmpty || name == "0.0.0.0" || name == "::" ? hostName() : name

    // Forward: the first address getaddrinfo gives, whatever its family.
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(name, nil, &hints, &list) == 0 else { return name }
    defer { freeaddrinfo(list) }
    guard let first = list?.pointee, let address = first.ai_addr else { return name }

    // Backward: gethostbyaddr wants the raw address bytes (in_addr or in6_addr).
    let entry: UnsafeMutablePointer<hostent>?
    switch first.ai_family {
    case AF_INET:
        var bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
            $0.pointee.sin_addr
        }
        entry = gethostbyaddr(&bytes, socklen_t(MemoryLayout<in_addr>.size), AF_INET)
    case AF_INET6:
        var bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
            $0.pointee.sin6_addr
        }
        entry = gethostbyaddr(&bytes, socklen_t(MemoryLayout<in6_addr>.size), AF_INET6)
    default:
        entry = nil
    }
    guard let host = entry?.pointee, let canonical = host.h_name else { return name }

    var names = [String(cString: canonical)]
    var alias = host.h_aliases
    while let text = alias?.pointee {
        names.append(String(cString: text))
        alias = alias?.advanced(by: 1)
    }
    return names.first { $0.contains(".") } ?? names[0]
}

/// Reads the socket to its end and returns its lines without their line endings
/// (LF or CR LF); text after the last line ending is a last line; a final line ending
/// adds no empty line. Reads through a FILE stream over a duplicate of `fd` (Python's
/// makefile), so `fd` itself stays open.
func readLines(from fd: Int32) throws -> [String] {
    let copy = dup(fd)
    guard copy >= 0 else { throw SocketHelperError.systemCall("dup", code: errno) }
    guard let stream = fdopen(copy, "r") else {
        let code = errno
        close(copy)
        throw SocketHelperError.systemCall("fdopen", code: code)
    }
    // fclose closes the duplicate, never `fd`.
    defer { fclose(stream) }

    var lines: [String] = []
    var buffer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(buffer) }
    while true {
        // getline grows `buffer` to fit the line, however long; -1 at the end or on error.
        let count = getline(&buffer, &capacity, stream)
        guard count >= 0, let buffer else { break }
        var bytes = UnsafeRawBufferPointer(start: buffer, count: count)[...]
        if bytes.last == UInt8(ascii: "\n") {
            bytes = bytes.dropLast()
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        }
        lines.append(String(decoding: bytes, as: UTF8.self))
    }
    if ferror(stream) != 0 { throw SocketHelperError.systemCall("getline", code: errno) }
    return lines
}
