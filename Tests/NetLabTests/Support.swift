import XCTest
@testable import NetLab

/// Starts a lab, or skips the test (never passes it) where labs cannot run.
func startOrSkip(_ t: Topology, file: StaticString = #filePath, line: UInt = #line) throws -> Lab {
    if case .unavailable(let reason) = Lab.availability(for: t) {
        throw XCTSkip("lab not run: \(reason)", file: file, line: line)
    }
    return try Lab.start(t)
}
