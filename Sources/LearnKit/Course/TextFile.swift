import Foundation

/// Reads a text file the learner pointed at (an exercise, a file to preview), or says why it
/// cannot be read, as something a sentence can name. Foundation's own errors would say
/// "You don't have permission" for a directory, even to root, and a FIFO would block the
/// read forever: so the file is looked at (stat) before it is opened.
public enum TextFile {
    public enum Problem: Error, Equatable {
        case missing, directory, fifo, device, notRegular, permissionDenied, notUTF8
        case other(String)
    }

    /// Why `path` is not a readable regular file, or nil when it is one.
    public static func problem(at path: String) -> Problem? {
        var info = stat()
        guard stat(path, &info) == 0 else { return errno == ENOENT ? .missing : error(errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFCHR, S_IFBLK: return .device
        default: return .notRegular
        }
        return access(path, R_OK) == 0 ? nil : error(errno)
    }

    /// The file's text, as UTF-8.
    public static func read(_ path: String) throws(Problem) -> String {
        if let problem = problem(at: path) { throw problem }
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem.permissionDenied }
        guard let text = String(data: data, encoding: .utf8) else { throw Problem.notUTF8 }
        return text
    }

    private static func error(_ code: Int32) -> Problem {
        code == EACCES || code == EPERM ? .permissionDenied : .other(String(cString: strerror(code)))
    }
}
