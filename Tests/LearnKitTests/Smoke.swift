import XCTest
@testable import LearnKit

final class LearnKitSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
