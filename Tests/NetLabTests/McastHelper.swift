import Foundation
@testable import NetLab

/// A one-file Python program (Debian's /usr/bin/python3) the tests run on lab hosts:
///   recv  4|6 GROUP PORT IF [MUST...]
///                               join GROUP on IF (v4: interface address, v6: index),
///                               print "ready", then "PAYLOAD TTL" per datagram, until
///                               "end" and every MUST payload have come (datagrams from
///                               another host could, rarely, overtake one another)
///   send  4|6 GROUP PORT IF TTL LOOP PAYLOAD [TTL LOOP PAYLOAD ...]
///                               one socket per datagram, outgoing interface always set
///   member 4|6 GROUP IF         join, print "joined"; on a stdin line leave, print "left";
///                               exit at the next line or EOF
enum McastHelper {
    static let python = "/usr/bin/python3"

    static let source = #"""
import socket, struct, sys

def v4(group, ifaddr):
    return socket.inet_aton(group) + socket.inet_aton(ifaddr)       # ip_mreq, 8 bytes

def v6(group, ifindex):
    return socket.inet_pton(socket.AF_INET6, group) + struct.pack("@I", int(ifindex))

def recv(fam, group, port, iface, *must):
    if fam == "4":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, v4(group, iface))
        s.setsockopt(socket.IPPROTO_IP, 12, 1)                        # IP_RECVTTL
        s.bind((group, int(port)))
        want = (socket.IPPROTO_IP, 2)                                 # IP_TTL
    else:
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, v6(group, iface))
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVHOPLIMIT, 1)
        s.bind(("::", int(port)))
        want = (socket.IPPROTO_IPV6, socket.IPV6_HOPLIMIT)
    print("ready", flush=True)
    waiting = set(must) | {"end"}
    while waiting:
        data, anc, flags, addr = s.recvmsg(2048, 256)
        ttl = "?"
        for level, kind, value in anc:
            if (level, kind) == want:
                ttl = struct.unpack("@i", value[:4])[0]
        text = data.decode()
        print(text, ttl, flush=True)
        waiting.discard(text)

def send(fam, group, port, iface, rest):
    for i in range(0, len(rest), 3):
        ttl, loop, payload = int(rest[i]), int(rest[i + 1]), rest[i + 2]
        if fam == "4":
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(iface))
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, ttl)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_LOOP, loop)
            s.sendto(payload.encode(), (group, int(port)))
        else:
            s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, int(iface))
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, ttl)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, loop)
            s.sendto(payload.encode(), (group, int(port), 0, int(iface)))
        s.close()

def member(fam, group, iface):
    if fam == "4":
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        opt = (socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.IP_DROP_MEMBERSHIP, v4(group, iface))
    else:
        s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
        opt = (socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, socket.IPV6_LEAVE_GROUP, v6(group, iface))
    s.setsockopt(opt[0], opt[1], opt[3])
    print("joined", flush=True)
    sys.stdin.readline()
    s.setsockopt(opt[0], opt[2], opt[3])
    print("left", flush=True)
    sys.stdin.readline()

cmd, args = sys.argv[1], sys.argv[2:]
if cmd == "recv": recv(*args)
elif cmd == "send": send(args[0], args[1], args[2], args[3], args[4:])
elif cmd == "member": member(*args)
"""#

    /// Writes the program into the lab's private folder (removed with the lab) and
    /// returns the argv prefix that runs it.
    static func install(in lab: Lab) throws -> [String] {
        let p = lab.directory + "/mcast.py"
        try source.write(toFile: p, atomically: false, encoding: .utf8)
        return [python, p]
    }

    /// A random group in 239.255.0.0/16 (never .0.x, so never a reserved-looking one)
    /// and a random port, so parallel runs never share one.
    static func randomGroup4() -> String { "239.255.\(Int.random(in: 1...254)).\(Int.random(in: 1...254))" }
    static func randomGroup6() -> String { String(format: "ff12::%x:%x", Int.random(in: 1...0xffff), Int.random(in: 1...0xffff)) }
    static func randomPort() -> String { String(Int.random(in: 20000...60000)) }
}
