#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HostProcess

/// A running topology: a "world" (user + network + PID namespace made by unprivileged
/// `unshare`) in which every host is a further network namespace. Nothing of it is
/// visible to, or can send on, the machine's real network.
///
///     let lab = try Lab.start(.router(forwarding: ["239.255.1.2"]))
///     defer { lab.shutdown() }
///     let r = try lab.run(on: "B", ["ip", "-br", "addr"])
///
/// @unchecked Sendable: `isShutDown` is read and written under `lock`; everything else is
/// immutable (`world` is a HostChild, which guards its own state).
public final class Lab: @unchecked Sendable {
    public let topology: Topology
    public let hosts: [LabHost]
    /// The lab's private folder (smcroute's config, socket, PID file and log; the
    /// lab shell's rc file). Removed at shutdown.
    public let directory: String
    /// `unshare`'s PID and the world's first process (the PID namespace's init).
    public let unsharePID: Int32
    public let worldPID: Int32
    /// Inodes of the lab's user, PID and (per host) network namespaces.
    public let userNamespace: UInt64
    public let pidNamespace: UInt64
    public let netNamespaces: [String: UInt64]

    let tools: LabTools
    private let world: HostChild
    private let lock = NSLock()
    private var isShutDown = false

    /// Brings `topology` up; throws `LabError.unavailable` (with the one-sentence
    /// reason) where labs cannot run, `.bringUpFailed` if something went wrong.
    public static func start(_ topology: Topology,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Lab {
        if case .unavailable(let reason) = availability(for: topology, environment: environment) {
            throw LabError.unavailable(reason: reason)
        }
        try WorldScript.validate(topology)
        guard let tools = LabTools.find(environment: environment).tools else {
            throw LabError.unavailable(reason: missingToolsSentence(LabTools.find(environment: environment).missing))
        }
        let dir = try makePrivateDirectory(environment: environment)
        do {
            return try Lab(topology: topology, directory: dir, tools: tools)
        } catch {
            try? FileManager.default.removeItem(atPath: dir)
            throw error
        }
    }

    private init(topology: Topology, directory: String, tools: LabTools) throws {
        self.topology = topology
        self.directory = directory
        self.tools = tools
        let script = WorldScript(topology: topology, directory: directory, tools: tools)
        if topology.router != nil {
            try script.smcrouteConfig.write(toFile: directory + "/smcroute.conf", atomically: false, encoding: .utf8)
        }
        // stdin stays a pipe we hold: if this process dies, the world reads EOF and ends.
        var command = HostCommand([tools.unshare] + Lab.worldUnshareFlags + ["--", tools.sh, "-c", script.text])
        command.stdin = .pipe
        let world = try HostChild(command)
        self.world = world
        unsharePID = world.pid

        var innerPIDs: [String: Int32] = [:]
        var links: [String: [String]] = [:]
        var current: String?
        var ready = false
        let deadline = MonotonicClock.now() + 20
        while let line = world.readLine(timeout: max(0, deadline - MonotonicClock.now())) {
            let f = line.split(separator: " ").map(String.init)
            if line == "@ready" { ready = true; break }
            if f.count == 3, f[0] == "@pid", let p = Int32(f[2]) { innerPIDs[f[1]] = p; continue }
            if f.count == 2, f[0] == "@host" { current = f[1]; continue }
            if let h = current { links[h, default: []].append(line) }
        }
        func fail(_ why: String) -> LabError {
            world.kill()
            let r = world.wait(timeout: 5)
            return .bringUpFailed((why + " " + r.stderrText).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard ready else { throw fail("") }

        // The world reports PIDs of its own namespace; nsenter from here needs ours.
        guard let initPID = LabProcInfo.children(of: world.pid).first else { throw fail("the world process is missing") }
        worldPID = initPID
        var outer: [Int32: Int32] = [:]
        for c in LabProcInfo.children(of: initPID) {
            if let inner = LabProcInfo.namespacePIDs(of: c).last { outer[inner] = c }
        }
        var hosts: [LabHost] = []
        var nets: [String: UInt64] = [:]
        for name in topology.hosts {
            guard let inner = innerPIDs[name], let pid = outer[inner],
                  let net = LabProcInfo.namespaceInode(of: pid, "net") else { throw fail("host \(name) is missing") }
            nets[name] = net
            let indexes = Lab.interfaceIndexes(links[name] ?? [])
            let ifaces = topology.interfaces(of: name).map { i -> LabInterface in
                let v4 = i.ipv4.split(separator: "/"), v6 = i.ipv6.split(separator: "/")
                return LabInterface(name: i.name, index: indexes[i.name] ?? 0,
                                    ipv4: String(v4[0]), ipv4Prefix: v4.count > 1 ? Int(v4[1])! : 32,
                                    ipv6: String(v6[0]), ipv6Prefix: v6.count > 1 ? Int(v6[1])! : 128)
            }
            hosts.append(LabHost(name: name, pid: pid, interfaces: ifaces, isRouter: topology.forwards(name)))
        }
        guard let user = LabProcInfo.namespaceInode(of: initPID, "user"),
              let pidns = LabProcInfo.namespaceInode(of: initPID, "pid") else { throw fail("the world vanished") }
        self.hosts = hosts
        self.netNamespaces = nets
        self.userNamespace = user
        self.pidNamespace = pidns
    }

    deinit { shutdown() }

    /// `ip -o link show` lines ("2: eth0@if3: <...") to name → index.
    static func interfaceIndexes(_ lines: [String]) -> [String: Int32] {
        var out: [String: Int32] = [:]
        for l in lines {
            let f = l.split(separator: ":", maxSplits: 2)
            guard f.count >= 2, let idx = Int32(f[0]) else { continue }
            let name = f[1].trimmingCharacters(in: .whitespaces).split(separator: "@").first.map(String.init) ?? ""
            out[name] = idx
        }
        return out
    }

    public func host(_ name: String) throws -> LabHost {
        guard let h = hosts.first(where: { $0.name == name }) else { throw LabError.noSuchHost(name) }
        return h
    }

    /// The argv prefix that runs `argv` on `host` (nsenter into the world's user and
    /// PID namespaces and the host's network namespace), for code that starts
    /// programs its own way. Programs run as root of the lab's user namespace, which
    /// is the caller's own user outside it.
    ///
    /// To stop such a program early, kill the program (nsenter's child) before or
    /// instead of nsenter: a child whose nsenter died first is handed to the
    /// machine's PID 1 and the lab's teardown then waits for PID 1 to reap it.
    /// (`run` and `spawn` do this.)
    public func command(on host: String, _ argv: [String]) throws -> [String] {
        lock.lock(); let down = isShutDown; lock.unlock()
        if down { throw LabError.shutDown }
        let h = try self.host(host)
        return Lab.nsenterArgv(nsenter: tools.nsenter, pid: h.pid, enterUser: true) + argv
    }

    /// The argv that runs `argv` on `host` from a program already running inside this lab
    /// (in its user namespace, so nsenter must not enter that again).
    public func innerCommand(on host: String, _ argv: [String]) throws -> [String] {
        let h = try self.host(host)
        return Lab.nsenterArgv(nsenter: tools.nsenter, pid: h.pid, enterUser: false) + argv
    }

    static func nsenterArgv(nsenter: String, pid: Int32, enterUser: Bool) -> [String] {
        // -p: the program joins the world's PID namespace, so ending the world ends it.
        // --preserve-credentials: keep our uid (root inside) rather than have nsenter
        // call setgroups, which a --map-root-user namespace denies.
        [nsenter, "-t", String(pid)] + (enterUser ? ["-U", "--preserve-credentials"] : []) + ["-n", "-p", "--"]
    }

    /// Runs `argv` on `host` and waits for it (killing it after `timeout` seconds).
    public func run(on host: String, _ argv: [String], timeout: Double = 10,
                    environment: [String: String]? = nil) throws -> LabRunResult {
        let p = try spawn(on: host, argv, environment: environment)
        return LabRunResult(p.wait(timeout: timeout))
    }

    /// Starts `argv` on `host` in the background, in its own process group; read its
    /// output with `readLine`, end it with `wait(timeout:)` or `kill()`.
    public func spawn(on host: String, _ argv: [String], stdin: HostCommand.Input = .null,
                      environment: [String: String]? = nil) throws -> HostChild {
        var command = HostCommand(try command(on: host, argv), environment: environment ?? ProcessInfo.processInfo.environment)
        command.stdin = stdin
        // The lab's PID namespace ends what a program leaves running (at shutdown).
        command.endsGroupWithChild = false
        return try HostChild(command)
    }

    /// Ends every process of the lab and removes its folder. Idempotent; also run by deinit.
    public func shutdown() {
        lock.lock(); defer { lock.unlock() }
        if isShutDown { return }
        isShutDown = true
        // Killing the PID namespace's init makes the kernel kill all the rest; it has
        // exited only once they have, so after the wait nothing of the lab runs.
        // `unshare` itself is left alone: it reaps the init and exits. Killed first,
        // it would leave the init a zombie for the machine's PID 1 to reap.
        _ = Glibc.kill(worldPID, SIGKILL)
        _ = world.wait(timeout: 10)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// For tests of the crash path: let go of the world as a crashed owner would
    /// (its stdin reaches EOF) without killing anything, then wait for the world to
    /// end by itself; the result says whether it did before `timeout`.
    func abandonForTesting(timeout: Double = 10) -> Bool {
        lock.lock(); defer { lock.unlock() }
        isShutDown = true
        world.closeStdin()
        return !world.wait(timeout: timeout).timedOut
    }
}

/// mkdtemp under TMPDIR (or /tmp), mode 0700.
func makePrivateDirectory(environment: [String: String]) throws -> String {
    var base = environment["TMPDIR"] ?? "/tmp"
    if base.isEmpty || base.contains("'") { base = "/tmp" }
    var template = Array((base + "/learn-lab.XXXXXX").utf8CString)
    guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
        throw LabError.bringUpFailed("cannot make a folder in \(base): \(String(cString: strerror(errno)))")
    }
    return String(cString: template)
}
