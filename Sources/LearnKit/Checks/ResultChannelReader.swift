/// Reads what a check program wrote on its result channel: tab-separated, escaped fields, each
/// record prefixed with the run's token. Records without the token are ignored.
struct ResultChannelReader {
    struct Planned { let id: String; let name: String }

    var planned: [Planned] = []
    var results: [String: CheckResult] = [:]
    var finished = false
    /// Set when a record carrying the token breaks the harness's protocol: a second result for
    /// a check, anything after `done`, a plan after a result, an unknown record. The harness
    /// never writes such a thing, so none of the run's results count.
    var broken: String?

    init(channel: [UInt8], token: String) {
        for line in String(decoding: channel, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { Self.unescape(String($0)) }
            // Records without the run's token are not the harness's: ignored.
            guard fields.count >= 2, fields[0] == token else { continue }
            if finished { broken = broken ?? "a record after done"; continue }
            switch (fields[1], fields.count) {
            case ("plan", 4) where results.isEmpty && !planned.contains(where: { $0.id == fields[2] }):
                planned.append(Planned(id: fields[2], name: fields[3]))
            case ("result", 6):
                guard let status = CheckResult.Status(rawValue: fields[3]),
                      let plan = planned.first(where: { $0.id == fields[2] }) else {
                    broken = broken ?? "a result for no planned check"
                    continue
                }
                guard results[plan.id] == nil else { broken = broken ?? "a second result for \(plan.id)"; continue }
                results[plan.id] = CheckResult(id: plan.id, name: plan.name, status: status,
                                               message: fields[4], output: fields[5])
            case ("done", 2):
                finished = true
            default:
                broken = broken ?? "a record the harness does not write"
            }
        }
    }

    /// How many checks have been planned so far in `bytes` (read while the program runs, to
    /// give the run its time: each check its own limit).
    static func plannedCount(in bytes: [UInt8], token: String) -> Int {
        let marker = Array((token + "\tplan\t").utf8)
        var count = 0, index = 0
        while index + marker.count <= bytes.count {
            if (index == 0 || bytes[index - 1] == 10) && Array(bytes[index..<index + marker.count]) == marker { count += 1 }
            index += 1
        }
        return count
    }

    static func unescape(_ field: String) -> String {
        var out = ""
        var escaping = false
        for ch in field {
            if escaping {
                switch ch {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
