import XCTest
@testable import LearnKit

/// A lesson that declares `lab=link`: its check program runs on host A of a fresh lab and runs
/// a role of itself on host B; where no lab can run, the lab check is "not run", never passed.
final class LabLessonTests: XCTestCase {
    private let check = """
        import Glibc
        extension Harness {
            static let roles: [Role] = [
                Role("member") { arguments in
                    let receiver = try UDPSocket(port: UInt16(arguments[1])!)
                    try receiver.join(arguments[0], interface: arguments[2])
                    try receiver.setReceiveTTL(true)
                    print("ready")
                    fflush(stdout)
                    if let datagram = receiver.receive(timeout: 5) { print("got \\(datagram.text) ttl \\(datagram.ttl ?? -1)") }
                },
            ]
            static let checks: [Check] = [
                Check("across", Text("a datagram crosses the link", ko: "데이터그램이 링크를 건넌다")) {
                    let network = try lab()
                    let a = try network.host("A"), b = try network.host("B")
                    try expect(a.interface.ipv4 != b.interface.ipv4 && b.interface.index > 0, Text("hosts: \\(network.hosts)", ko: "호스트"))
                    let group = randomGroup(), port = randomPort()
                    let member = try network.start(role: "member", on: "B", [group, String(port), b.interface.ipv4])
                    try expect(member.readLine(timeout: 5) == "ready", Text("member not ready", ko: "멤버 준비 안 됨"))
                    try send(group: group, port: port, from: a.interface.ipv4, ttl: 3)
                    let heard = member.readLine(timeout: 5)
                    try expect(heard == "got hello ttl 3", Text("B heard \\(heard ?? "nothing")", ko: "B가 들은 것: \\(heard ?? "없음")"))
                },
                Check("local", Text("a loopback check still runs", ko: "루프백 검사는 그대로 실행된다")) {
                    try expect(one() == 1, Text("one() is not 1", ko: "one()이 1이 아님"))
                },
            ]
        }
        """
    // The learner's file is a module of its own: it has Glibc, not the harness.
    /// The learner's side: a module of its own that cannot see the harness, so plain Glibc.
    private let exercise = """
        import Glibc
        struct SendFailed: Error { let errno: Int32 }
        func send(group: String, port: UInt16, from interface: String, ttl: Int32) throws {
            let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            guard descriptor >= 0 else { throw SendFailed(errno: errno) }
            defer { close(descriptor) }
            var local = in_addr()
            inet_pton(AF_INET, interface, &local)
            var hops = ttl
            guard setsockopt(descriptor, Int32(IPPROTO_IP), IP_MULTICAST_IF, &local, socklen_t(MemoryLayout<in_addr>.size)) == 0,
                  setsockopt(descriptor, Int32(IPPROTO_IP), IP_MULTICAST_TTL, &hops, socklen_t(MemoryLayout<Int32>.size)) == 0
            else { throw SendFailed(errno: errno) }
            var to = sockaddr_in()
            to.sin_family = sa_family_t(AF_INET)
            to.sin_port = port.bigEndian
            inet_pton(AF_INET, group, &to.sin_addr)
            let bytes = Array("hello".utf8)
            let sent = withUnsafePointer(to: &to) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard sent == bytes.count else { throw SendFailed(errno: errno) }
        }
        func one() -> Int { 1 }
        """

    func testChecksRunOnALabAndReachAnotherHost() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check, exercise: exercise, needs: "lab=link")
        XCTAssertEqual(lesson.labName, "link")
        var session = try TestSupport.session(location)
        session.notRunFails = true
        let report = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.passed, .passed], report.checks.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(report.status, .passed)
    }

    func testWithoutALabTheLabCheckIsNotRunAndTheOthersRun() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check, exercise: exercise, needs: "lab=link")
        var session = try TestSupport.session(location, sandbox: Sandbox.detect(environment: ["LEARN_NO_NAMESPACES": "1"]))
        session.environment["LEARN_NO_NAMESPACES"] = "1"
        let report = try session.check(lesson, exercise: lesson.exerciseFile)
        XCTAssertEqual(report.checks.map(\.status), [.notRun, .passed])
        XCTAssertTrue(report.checks[0].message.contains("LEARN_NO_NAMESPACES"), report.checks[0].message)
        session.notRunFails = true
        XCTAssertEqual(try session.check(lesson, exercise: lesson.exerciseFile).status, .failed)
    }

    func testAnUnknownTopologyIsACourseError() throws {
        let (location, lesson) = try TestSupport.fixtureCourse(self, check: check, exercise: exercise, needs: "lab=mesh")
        XCTAssertThrowsError(try TestSupport.session(location).check(lesson, exercise: lesson.exerciseFile)) { error in
            XCTAssertTrue("\(error)".contains("mesh"), "\(error)")
        }
    }
}
