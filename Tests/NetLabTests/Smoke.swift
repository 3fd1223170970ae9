import XCTest
@testable import NetLab

final class NetLabSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
