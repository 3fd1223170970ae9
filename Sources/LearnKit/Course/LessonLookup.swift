import Foundation

extension Course {
    public struct NoSuchLesson: Error {
        public let name: String
        /// The ids nearest to what was typed, best first.
        public let nearest: [String]
    }

    /// A lesson by its id ("09-multicasting"), its number ("9", "09") or a unique prefix of its
    /// slug or id ("multi").
    public func lesson(named name: String) throws -> Lesson {
        let wanted = name.lowercased()
        if let exact = lessons.first(where: { $0.id == wanted }) { return exact }
        if let number = Int(wanted), let numbered = lessons.first(where: { $0.number == number }) { return numbered }
        let prefixed = lessons.filter { $0.slug.hasPrefix(wanted) || $0.id.hasPrefix(wanted) }
        if prefixed.count == 1, !wanted.isEmpty { return prefixed[0] }
        let candidates = prefixed.count > 1 ? prefixed.map(\.id) : nearest(to: wanted)
        throw NoSuchLesson(name: name, nearest: candidates)
    }

    /// Up to three ids by edit distance to the id or the slug, nearest first.
    func nearest(to name: String) -> [String] {
        let scored = lessons.map { lesson in
            (lesson.id, min(editDistance(name, lesson.id), editDistance(name, lesson.slug)))
        }
        let limit = max(3, name.count / 2)
        return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
    }
}

/// Levenshtein distance over Characters.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
