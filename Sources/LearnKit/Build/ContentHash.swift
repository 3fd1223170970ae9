/// A 128-bit FNV-1a hash (two 64-bit lanes with different offsets), enough to name build
/// products by the content of their sources; Foundation on Linux has no SHA-256.
struct ContentHash {
    private var low: UInt64 = 0xcbf2_9ce4_8422_2325
    private var high: UInt64 = 0x6c62_272e_07bb_0142

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
        }
        // A separator, so ["ab", "c"] and ["a", "bc"] differ.
        low = (low ^ 0xff) &* 0x0000_0100_0000_01b3
        high = (high ^ 0xfe) &* 0x0000_0100_0000_01b3
    }

    mutating func add(_ text: String) { add(Array(text.utf8)) }

    var hex: String {
        func pad(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return pad(high) + pad(low)
    }
}
