import ArgumentParser

/// A number of seconds given on the command line: finite and greater than 0. `Double` alone
/// would take "nan", "inf" and "-1", which no clock can wait for.
struct Seconds: ExpressibleByArgument, CustomStringConvertible {
    let value: Double

    init(_ value: Double) { self.value = value }

    init?(argument: String) {
        guard let value = Double(argument), value.isFinite, value > 0 else { return nil }
        self.value = value
    }

    var description: String { value == value.rounded() ? String(Int(value)) : String(value) }
    var defaultValueDescription: String { description }
}
