// Lesson 11, TTL: your exercise.
//
// Write the three functions below (the enum is given: the checks name its
// cases). `learn check` runs each check on real sockets in a private network,
// one of them across a multicast router; `learn hint` gives one hint at a time.
// Helpers of your own are welcome (an Error type, a small function or two).
import Glibc

/// How far a multicast datagram may travel, by the conventional thresholds on its
/// initial TTL.
enum TTLScope { case host, subnet, site, region, continent, unrestricted }

/// The conventional scope of an initial multicast TTL; nil outside 0...255.
func scope(ofTTL ttl: Int) -> TTLScope? {
    // TODO: 0 host, 1 subnet, 2-32 site, 33-64 region, 65-128 continent,
    //       129-255 unrestricted; anything else is no TTL at all.
    fatalError("TODO: write scope(ofTTL:)")
}

/// Sets the TTL of multicast datagrams sent on `fd`. Throws outside 0...255.
func setMulticastTTL(_ fd: Int32, _ ttl: Int) throws {
    // TODO: throw when ttl is outside 0...255, before any system call.
    // TODO: setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, ...) with an Int32;
    //       throw with errno when it returns -1.
    fatalError("TODO: write setMulticastTTL(_:_:)")
}

/// Reads it back.
func multicastTTL(_ fd: Int32) throws -> Int {
    // TODO: getsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, ...) into an Int32,
    //       with a socklen_t length it can change; throw when it returns -1.
    fatalError("TODO: write multicastTTL(_:)")
}
