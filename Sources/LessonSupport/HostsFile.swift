import Glibc

extension Harness {
    /// Gives this process (a forked check) an /etc/hosts of its own: a private mount namespace
    /// in which a temporary file with `contents` is bind-mounted over /etc/hosts. Nothing
    /// outside this process sees it, and it goes away with the process. getaddrinfo reads the
    /// file on every lookup, so names the check made up resolve to the addresses it chose.
    /// NotRun, with the reason, where no mount namespace can be made.
    static func usePrivateHostsFile(_ contents: String) throws {
        // unshare(2) is not in Swift's Glibc module (it needs _GNU_SOURCE): look it up.
        typealias Unshare = @convention(c) (Int32) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "unshare") else {
            throw NotRun(Text("unshare(2) is not available here.", ko: "여기서는 unshare(2)를 쓸 수 없습니다."))
        }
        let unshareCall = unsafeBitCast(symbol, to: Unshare.self)
        let newMountNamespace: Int32 = 0x0002_0000   // CLONE_NEWNS
        guard unshareCall(newMountNamespace) == 0 else {
            throw NotRun(Text("This check needs a private /etc/hosts, and no mount namespace can be made "
                                  + "here (\(String(cString: strerror(errno)))).",
                              ko: "이 검사에는 따로 쓰는 /etc/hosts가 필요한데, 여기서는 마운트 네임스페이스를 "
                                  + "만들 수 없습니다(\(String(cString: strerror(errno))))."))
        }
        // Mounts made from here on must not propagate back to the host's namespace.
        guard mount("none", "/", nil, UInt(MS_REC | MS_PRIVATE), nil) == 0 else {
            throw NotRun(Text(errnoText("mount(MS_PRIVATE)"), ko: errnoText("mount(MS_PRIVATE)")))
        }
        var template = Array("/tmp/learn-hosts-XXXXXX".utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw NotRun(Text(errnoText("mkstemp"), ko: errnoText("mkstemp"))) }
        let path = String(cString: template)
        writeAll(fd, Array(contents.utf8))
        fchmod(fd, 0o644)
        close(fd)
        defer { unlink(path) }   // the mount keeps the file alive
        guard mount(path, "/etc/hosts", nil, UInt(MS_BIND), nil) == 0 else {
            throw NotRun(Text(errnoText("mount --bind over /etc/hosts"), ko: errnoText("mount --bind over /etc/hosts")))
        }
    }

    /// The numeric addresses getaddrinfo (AF_UNSPEC, SOCK_STREAM) gives for `host`, in order.
    static func streamAddresses(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var node = list
        while let entry = node?.pointee {
            node = entry.ai_next
            guard let address = entry.ai_addr else { continue }
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(entry.ai_addrlen)))
            }
            if let text = endpoint(storage)?.host { addresses.append(text) }
        }
        return addresses
    }
}
