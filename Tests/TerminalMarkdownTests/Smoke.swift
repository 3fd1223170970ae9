import XCTest
@testable import TerminalMarkdown

final class TerminalMarkdownSmokeTests: XCTestCase {
    func testModuleLoads() { XCTAssertTrue(true) }
}
