/// What went wrong, as a sentence the learner can act on. LearnKit throws these and never
/// exits: only the executable prints them and chooses the exit code (2 for a usage error,
/// 1 for everything else), so every way out of a command runs its clean-up (`defer`s that
/// give the terminal back, children that are waited for).
public struct LearnError: Error, CustomStringConvertible, Equatable {
    public enum Kind: Sendable { case usage, failure }
    public let kind: Kind
    public let description: String

    /// The learner typed something that names nothing (a lesson, a file, an option's value).
    public static func usage(_ message: String) -> LearnError { LearnError(kind: .usage, description: message) }
    /// Something that was asked for could not be done.
    public static func failure(_ message: String) -> LearnError { LearnError(kind: .failure, description: message) }
}
