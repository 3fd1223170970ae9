// Lesson 12, loopback: your exercise.
//
// Write the two functions below. `learn check` runs each check on real
// sockets in a private network of two hosts; `learn hint` gives one hint
// at a time. Helpers of your own are welcome (an Error type, say).
import Glibc

/// Turns local delivery of multicast datagrams sent on `fd` on or off.
/// `fd` is an AF_INET UDP socket. Throws when the socket call fails.
func setMulticastLoopback(_ fd: Int32, enabled: Bool) throws {
    // TODO: an Int32 holding 1 (on) or 0 (off).
    // TODO: setsockopt at level Int32(IPPROTO_IP), option IP_MULTICAST_LOOP,
    //       with the size of that Int32.
    // TODO: setsockopt returns -1 on failure: throw with errno.
    fatalError("TODO: write setMulticastLoopback(_:enabled:)")
}

/// Reads it back: true when multicast sent on `fd` is delivered to local
/// sockets too. Throws when the socket call fails.
func multicastLoopback(_ fd: Int32) throws -> Bool {
    // TODO: getsockopt the same option into an Int32; pass its length as a
    //       socklen_t variable (the kernel writes back how much it wrote).
    // TODO: any nonzero value means on.
    fatalError("TODO: write multicastLoopback(_:)")
}
