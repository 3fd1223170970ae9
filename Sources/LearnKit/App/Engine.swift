/// The engine's own identity, apart from any course it runs.
public enum Engine {
    /// `learn --version` (the command's `CommandConfiguration.version`); the course's version
    /// is its manifest's `version` line.
    public static let version = "0.9.0"
}
