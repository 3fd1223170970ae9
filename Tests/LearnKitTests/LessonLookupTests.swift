import XCTest
@testable import LearnKit

final class LessonLookupTests: XCTestCase {
    private let course: Course = {
        let location = CourseLocation(root: URL(fileURLWithPath: "/nowhere"))
        let manifest = """
            # comment line
            09-multicasting
            10-membership
            11-ttl            lab=router   # a trailing comment
            14-socket-helpers
            15-ftp-client     server=ftp
            """
        return try! Course(location: location, lessons: Course.parse(manifest, location: location).lessons)
    }()

    func testManifestKeepsOrderAndRequirements() {
        XCTAssertEqual(course.lessons.map(\.id), ["09-multicasting", "10-membership", "11-ttl", "14-socket-helpers", "15-ftp-client"])
        XCTAssertEqual(course.lessons[2].requirements, [.lab("router")])
        XCTAssertEqual(course.lessons[4].requirements, [.server("ftp")])
        XCTAssertEqual(course.lessons[0].exerciseFile.path, "/nowhere/exercises/09-multicasting.swift")
    }

    func testManifestRejectsUnknownRequirementsAndDuplicates() {
        let location = CourseLocation(root: URL(fileURLWithPath: "/nowhere"))
        XCTAssertThrowsError(try Course.parse("09-multicasting gpu=yes", location: location))
        XCTAssertThrowsError(try Course.parse("09-multicasting\n09-multicasting", location: location))
    }

    func testFindsByIdNumberAndPrefix() throws {
        XCTAssertEqual(try course.lesson(named: "09-multicasting").id, "09-multicasting")
        XCTAssertEqual(try course.lesson(named: "9").id, "09-multicasting")
        XCTAssertEqual(try course.lesson(named: "09").id, "09-multicasting")
        XCTAssertEqual(try course.lesson(named: "11").id, "11-ttl")
        XCTAssertEqual(try course.lesson(named: "multi").id, "09-multicasting")
        XCTAssertEqual(try course.lesson(named: "MEM").id, "10-membership")
        XCTAssertEqual(try course.lesson(named: "ftp").id, "15-ftp-client")
        XCTAssertEqual(try course.lesson(named: "14-socket").id, "14-socket-helpers")
    }

    func testUnknownNamesSuggestTheNearest() {
        XCTAssertThrowsError(try course.lesson(named: "multicastnig")) { error in
            let missing = error as? Course.NoSuchLesson
            XCTAssertEqual(missing?.name, "multicastnig")
            XCTAssertEqual(missing?.nearest.first, "09-multicasting")
        }
        XCTAssertThrowsError(try course.lesson(named: "12")) { error in
            XCTAssertNotNil(error as? Course.NoSuchLesson)
        }
        XCTAssertThrowsError(try course.lesson(named: ""))
    }

    /// Number first, then prefix (several matches listed), then edit distance with a threshold.
    func testLookupOrderAndThreshold() throws {
        let location = CourseLocation(root: URL(fileURLWithPath: "/nowhere"))
        let manifest = "01-sockets\n02-addresses\n09-multicasting\n10-membership\n11-ttl\n16-telnet-client\n"
        let course = try Course(location: location, lessons: Course.parse(manifest, location: location).lessons)
        XCTAssertEqual(try course.lesson(named: "1").id, "01-sockets")
        XCTAssertEqual(try course.lesson(named: "10").id, "10-membership")
        XCTAssertThrowsError(try course.lesson(named: "t")) { error in
            XCTAssertEqual((error as? Course.AmbiguousLesson)?.matches, ["11-ttl", "16-telnet-client"])
        }
        XCTAssertThrowsError(try course.lesson(named: "M")) { error in
            XCTAssertEqual((error as? Course.AmbiguousLesson)?.matches, ["09-multicasting", "10-membership"])
        }
        func nearest(_ name: String) -> [String]? {
            do { _ = try course.lesson(named: name); return nil } catch { return (error as? Course.NoSuchLesson)?.nearest }
        }
        XCTAssertEqual(nearest("10m"), ["10-membership"])
        XCTAssertEqual(nearest("10-membrship"), ["10-membership"])
        XCTAssertEqual(nearest("membrship"), ["10-membership"])
        XCTAssertEqual(nearest("mulit"), ["09-multicasting"])
        XCTAssertEqual(nearest("xyz"), [])
        XCTAssertEqual(nearest("9x"), [])
        XCTAssertEqual(nearest("99"), [])
        XCTAssertEqual(nearest("12"), [])
        XCTAssertEqual(nearest("0"), [], "a number is not a prefix")
        XCTAssertEqual(nearest("soket"), ["01-sockets"])
    }

    func testSlugAndNumber() {
        XCTAssertEqual(course.lessons[0].slug, "multicasting")
        XCTAssertEqual(course.lessons[3].number, 14)
    }

    func testLanguageResolution() {
        XCTAssertEqual(Language.resolve(flag: "ko", environment: [:]), .korean)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LANG": "ko_KR.UTF-8"]), .korean)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LEARN_LANG": "en", "LANG": "ko_KR.UTF-8"]), .english)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"]), .english)
        XCTAssertEqual(Language.resolve(flag: nil, environment: ["LC_MESSAGES": "ko_KR"]), .korean)
        XCTAssertEqual(Language.resolve(flag: nil, environment: [:]), .english)
    }
}
