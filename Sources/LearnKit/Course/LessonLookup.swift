import Foundation

extension Course {
    public struct NoSuchLesson: Error {
        public let name: String
        /// The ids nearest to what was typed, best first (none when nothing is near).
        public let nearest: [String]
    }

    /// A prefix that several lessons start with: all of them, in course order.
    public struct AmbiguousLesson: Error {
        public let name: String
        public let matches: [String]
    }

    /// A lesson by what the learner typed, in this order: its id ("09-multicasting"); its
    /// number ("9", "09"); a prefix of its slug or id ("multi"), which must name one lesson
    /// (several throw `AmbiguousLesson` listing them); else `NoSuchLesson` with the ids near it
    /// by edit distance, or none when nothing is near enough to be what was meant.
    public func lesson(named name: String) throws -> Lesson {
        let wanted = name.lowercased()
        if let exact = lessons.first(where: { $0.id == wanted }) { return exact }
        // A number names the lesson of that number, or none ("1" is not a prefix of 10-16).
        if let number = Int(wanted) {
            guard let numbered = lessons.first(where: { $0.number == number }) else {
                throw NoSuchLesson(name: name, nearest: [])
            }
            return numbered
        }
        if !wanted.isEmpty {
            let prefixed = lessons.filter { $0.slug.hasPrefix(wanted) || $0.id.hasPrefix(wanted) }
            if prefixed.count == 1 { return prefixed[0] }
            if prefixed.count > 1 { throw AmbiguousLesson(name: name, matches: prefixed.map(\.id)) }
        }
        throw NoSuchLesson(name: name, nearest: nearest(to: wanted))
    }

    /// Up to three ids near what was typed, nearest first.
    ///
    /// A name that starts with digits names a number: only the lesson of that number can be
    /// near ("99" and "9x" are near nothing, "10m" is near 10-membership), and the rest must
    /// be close to the start of its slug. Otherwise the name is compared with each slug and id
    /// and with their beginnings (a mistyped prefix). Closeness allows one edit per three
    /// characters typed, so a short name that shares nothing with a lesson suggests nothing.
    func nearest(to name: String) -> [String] {
        let digits = name.prefix { $0.isNumber }
        if !digits.isEmpty {
            guard let number = Int(digits), let lesson = lessons.first(where: { $0.number == number }) else { return [] }
            let rest = String(name.dropFirst(digits.count).drop { $0 == "-" || $0 == " " })
            let distance = prefixDistance(rest, lesson.slug)
            return rest.isEmpty || distance <= rest.count / 3 ? [lesson.id] : []
        }
        let limit = name.count / 3
        guard limit > 0 else { return [] }
        let scored = lessons.map { lesson in
            (lesson.id, [lesson.id, lesson.slug].map { min(editDistance(name, $0), prefixDistance(name, $0)) }.min()!)
        }
        return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 }.prefix(3).map(\.0)
    }

    /// The distance from `name` to the nearest beginning of `target` at least as long as `name`
    /// minus the limit of edits: how far a typed prefix is from being a real one.
    private func prefixDistance(_ name: String, _ target: String) -> Int {
        let target = Array(target)
        let shortest = max(0, name.count - name.count / 3)
        guard shortest <= target.count else { return editDistance(name, String(target)) }
        return (shortest...target.count).map { editDistance(name, String(target[0..<$0])) }.min()!
    }
}

/// Edit distance over Characters (optimal string alignment: an insertion, a deletion, a
/// substitution or a swap of two neighbours each count one, so "mulit" is one edit from "multi").
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], before[j - 2] + 1)
            }
        }
        before = previous
        previous = current
    }
    return previous[b.count]
}
