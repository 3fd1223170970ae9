/// Reads what a check program wrote on its result channel: tab-separated, escaped fields, each
/// record prefixed with the run's token. Records without the token are ignored.
struct ResultChannelReader {
    struct Planned { let id: String; let name: String }

    var planned: [Planned] = []
    var results: [String: CheckResult] = [:]
    var finished = false

    init(channel: [UInt8], token: String) {
        for line in String(decoding: channel, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { Self.unescape(String($0)) }
            guard fields.count >= 2, fields[0] == token else { continue }
            switch (fields[1], fields.count) {
            case ("plan", 4):
                planned.append(Planned(id: fields[2], name: fields[3]))
            case ("result", 6):
                guard let status = CheckResult.Status(rawValue: fields[3]),
                      let plan = planned.first(where: { $0.id == fields[2] }) else { continue }
                results[plan.id] = CheckResult(id: plan.id, name: plan.name, status: status,
                                               message: fields[4], output: fields[5])
            case ("done", 2):
                finished = true
            default:
                continue
            }
        }
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
