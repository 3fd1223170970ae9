/// One key press read in single-key mode.
public enum Key: Equatable {
    case character(Character)
    case up, down, enter, escape, interrupt

    /// The keys in a chunk of bytes read from the terminal: arrows come as ESC [ A / ESC [ B
    /// (or ESC O A in application mode), Enter as CR or LF, Ctrl-C as 0x03 when the terminal
    /// does not turn it into SIGINT.
    public static func parse(_ bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B, index + 2 < bytes.count, bytes[index + 1] == 0x5B || bytes[index + 1] == 0x4F {
                switch bytes[index + 2] {
                case 0x41: keys.append(.up)
                case 0x42: keys.append(.down)
                default: break
                }
                index += 3
                continue
            }
            switch byte {
            case 0x1B: keys.append(.escape)
            case 0x0D, 0x0A: keys.append(.enter)
            case 0x03: keys.append(.interrupt)
            default:
                // UTF-8 multi-byte characters (a Korean keyboard layout) are not keys here.
                if byte < 0x80 { keys.append(.character(Character(UnicodeScalar(byte)))) }
            }
            index += 1
        }
        return keys
    }
}
