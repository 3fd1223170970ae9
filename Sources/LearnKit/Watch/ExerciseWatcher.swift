import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when one exercise file was saved. It watches the exercises FOLDER, not the file:
/// editors that save by writing a temporary file and renaming it over the old one replace
/// the file, and a watch on the old file would never fire again.
public final class ExerciseWatcher {
    /// The inotify descriptor to poll for readability.
    public let descriptor: Int32
    public var fileName: String

    public struct Unavailable: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public init(folder: URL, fileName: String) throws {
        self.fileName = fileName
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw Unavailable(reason: "inotify_init1: " + String(cString: strerror(errno))) }
        // CLOSE_WRITE for editors that write in place, MOVED_TO for rename-over saves, MODIFY
        // for writers that never close (mmap); bursts of these are coalesced by the caller.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MODIFY | IN_CREATE | IN_DELETE)
        guard inotify_add_watch(descriptor, folder.path, mask) >= 0 else {
            let reason = "inotify_add_watch \(folder.path): " + String(cString: strerror(errno))
            close(descriptor)
            throw Unavailable(reason: reason)
        }
    }

    deinit { close(descriptor) }

    /// Reads every pending event; true when one of them names the watched file.
    public func drain() -> Bool {
        var touched = false
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
                if length > 0 {
                    let nameBytes = buffer[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
                    if String(decoding: nameBytes, as: UTF8.self) == fileName { touched = true }
                }
                offset += header + length
            }
        }
        return touched
    }
}
