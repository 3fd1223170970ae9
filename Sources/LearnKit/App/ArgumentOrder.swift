/// Lets the options every command takes (`--lang`, `--color`) come before the command's name.
///
/// swift-argument-parser reads an option with the command that declares it, and each command
/// declares these (through `GlobalOptions`); the root command does not, so `learn --lang ko
/// check` would otherwise run the default command with a stray `check`. They move to the end
/// (before a `--`, after which nothing is an option). With `--help`, `--version` or the
/// `help` command they are dropped: the help finds the language itself.
public enum ArgumentOrder {
    public static let globalOptions = ["--lang", "--color"]

    public static func commandFirst(_ arguments: [String]) -> [String] {
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        var globals: [String] = [], others: [String] = []
        var leading: [String] = []
        var index = arguments.startIndex
        var beforeCommand = true
        while index < end {
            let argument = arguments[index]
            let takesNext = globalOptions.contains(argument) && index + 1 < end
            let isGlobal = takesNext || globalOptions.contains { argument.hasPrefix($0 + "=") }
            let taken = takesNext ? [argument, arguments[index + 1]] : [argument]
            if isGlobal { globals += taken } else { others += taken }
            if isGlobal && beforeCommand { leading += taken } else { beforeCommand = false }
            index += taken.count
        }
        // Help or the version, or the `help` command: the globals are dropped, as the help finds
        // the language itself, and otherwise the parser would take `--lang ko` for a sign to
        // run a default command (`learn --help --lang ko` would show `learn home`'s help).
        let asksForHelp = others.contains { ["-h", "--help", "--version"].contains($0) } || others.first == "help"
        if !globals.isEmpty, asksForHelp { return others + arguments[end...] }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[leading.count...])
        let terminator = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: terminator)
        return rest
    }
}

extension ArgumentOrder {
    /// The first word when it names no command (`learn chekc`), with the nearest command.
    ///
    /// The root runs a default command, so the parser would otherwise answer a typo with
    /// "unexpected argument" and the usage of that hidden default.
    public static func unknownCommand(_ arguments: [String], commands: [String]) -> (name: String, nearest: String?)? {
        let rest = commandFirst(arguments)
        guard let first = rest.first, !first.hasPrefix("-"), !commands.contains(first) else { return nil }
        let scored = commands.map { ($0, editDistance(first.lowercased(), $0)) }.filter { $0.1 <= max(1, first.count / 3) }
        return (first, scored.min { $0.1 < $1.1 }?.0)
    }
}
