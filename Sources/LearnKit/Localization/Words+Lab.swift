/// What `learn lab` says: its help, its banner and its errors.
extension Words {
    // Help
    public var labAbstract: String {
        pick("Open a shell in a private multi-host network (no root needed, nothing reaches a real network).",
             "사설 다중 호스트 네트워크에서 셸을 엽니다 (root 권한이 필요 없고, 실제 네트워크에는 아무것도 나가지 않습니다).")
    }
    public func labDiscussion(topologies: [String]) -> String {
        let width = topologies.map(\.count).max() ?? 0
        let list = topologies.map { name in
            "  " + name + String(repeating: " ", count: width - name.count) + "   " + topologyDescription(name)
        }.joined(separator: "\n")
        return pick("""
            Topologies:
            \(list)

            The shell runs on host A; everything is removed when it exits. Inside it, \
            `learn lab exec B -- CMD` runs CMD on host B.
            """, """
            토폴로지:
            \(list)

            셸은 호스트 A에서 실행되며, 셸을 끝내면 모든 것이 지워집니다. 그 안에서 \
            `learn lab exec B -- CMD`는 호스트 B에서 CMD를 실행합니다.
            """)
    }
    public func topologyDescription(_ name: String) -> String {
        switch name {
        case "link": return pick("hosts A and B on one veth link", "호스트 A와 B가 veth 링크 하나로 연결됨")
        case "router":
            return pick("A - R - B, R a multicast router running smcrouted",
                        "A - R - B, R은 smcrouted를 실행하는 멀티캐스트 라우터")
        case "lan":
            return pick("A, B and R on one switched LAN, C behind R (R forwards unicast, never broadcast)",
                        "A, B, R이 스위치 하나로 묶인 LAN, C는 R 뒤에 있음 (R은 유니캐스트만 전달하고 브로드캐스트는 전달하지 않음)")
        default: return ""
        }
    }
    public var labOpenAbstract: String {
        pick("Open a shell on host A of a fresh lab (the default: learn lab <topology>).",
             "새 랩의 호스트 A에서 셸을 엽니다 (기본 명령: learn lab <토폴로지>).")
    }
    public func labTopologyHelp(_ names: [String]) -> String {
        pick("The topology: \(names.joined(separator: ", ")).", "토폴로지: \(names.joined(separator: ", ")).")
    }
    public var labForwardHelp: String {
        pick("A group (or prefix) the router forwards; repeatable (default: 239.255.0.0/16).",
             "라우터가 전달할 그룹(또는 접두사). 여러 번 쓸 수 있습니다 (기본값: 239.255.0.0/16).")
    }
    public var labExecAbstract: String {
        pick("Run a command on another host of the lab this shell is in.",
             "이 셸이 속한 랩의 다른 호스트에서 명령을 실행합니다.")
    }
    public var labExecHostHelp: String { pick("The host (A, B, R, ...).", "호스트 (A, B, R 등).") }
    public var labExecCommandHelp: String {
        pick("The command and its arguments, after -- (default: your shell).",
             "-- 뒤에 쓰는 명령과 인자 (기본값: 내 셸).")
    }

    // Errors
    public func labNoTopology(_ name: String, _ names: [String]) -> String {
        pick("no topology \"\(name)\"; there are: \(names.joined(separator: ", "))",
             "\"\(name)\" 토폴로지는 없습니다. 있는 것: \(names.joined(separator: ", "))")
    }
    public var labAlreadyInside: String {
        pick("this shell is already inside a lab; exit it first", "이 셸은 이미 랩 안에 있습니다. 먼저 끝내세요")
    }
    public var labNotInside: String {
        pick("this shell is not inside a lab: start one with learn lab <topology>",
             "이 셸은 랩 안에 있지 않습니다. learn lab <토폴로지>로 먼저 여세요")
    }
    public var labGone: String {
        pick("the lab this shell was started in is gone", "이 셸이 시작된 랩이 이미 사라졌습니다")
    }
    public func labNoHost(_ host: String, _ hosts: [String]) -> String {
        let known = hosts.isEmpty ? "" : pick("; there are: ", ". 있는 호스트: ") + hosts.joined(separator: ", ")
        return pick("the lab has no host \(host)", "랩에 \(host) 호스트가 없습니다") + known
    }
    public func labDidNotComeUp(_ detail: String) -> String {
        pick("the network lab did not come up: \(detail)", "랩이 올라오지 않았습니다: \(detail)")
    }
    public func labCannotRun(_ program: String, _ reason: String) -> String {
        pick("could not run \(program): \(reason)", "실행할 수 없습니다: \(program) (\(reason))")
    }

    // The session
    public func labBanner(_ topology: String) -> String {
        pick("Lab \"\(topology)\": a private network that exists only for this shell (you are root only inside it).",
             "랩 \"\(topology)\": 이 셸을 위해서만 있는 사설 네트워크입니다 (root는 그 안에서만입니다).")
    }
    public var labRouterMark: String { pick("router", "라우터") }
    public var labThisShell: String { pick("<- this shell", "<- 이 셸") }
    public func labInterface(_ name: String, index: Int32) -> String {
        pick("\(name) (index \(index))", "\(name) (인덱스 \(index))")
    }
    public func labForwards(_ router: String, groups: String, from: String, to: String) -> String {
        pick("\(router) forwards \(groups) from \(from) to \(to) (smcrouted).",
             "라우터 \(router): \(groups) 그룹을 \(from)에서 \(to) 쪽으로 전달합니다 (smcrouted).")
    }
    public func labRunElsewhere(_ host: String) -> String {
        pick("Run a command on another host:  learn lab exec \(host) -- ip addr",
             "다른 호스트에서 명령 실행:  learn lab exec \(host) -- ip addr")
    }
    public var labLeave: String {
        pick("Leave with exit (or Ctrl-D); the lab is then removed.", "exit(또는 Ctrl-D)로 나가면 랩이 지워집니다.")
    }
    public func labRemoved(_ topology: String) -> String {
        pick("Lab \(topology) removed.", "랩을 지웠습니다 (\(topology)).")
    }
    public var labStopped: String {
        pick("learn lab: stopped; the lab has been removed.", "learn lab: 멈췄습니다. 랩을 지웠습니다.")
    }
}
