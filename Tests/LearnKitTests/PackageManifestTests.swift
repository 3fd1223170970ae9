import XCTest

/// The package as the README promises it: Linux only, every target in the Swift 6 language mode.
final class PackageManifestTests: XCTestCase {
    func testEveryTargetIsInTheSwift6ModeAndNoPlatformIsClaimed() throws {
        let manifest = try String(contentsOf: TestSupport.repository.appendingPathComponent("Package.swift"), encoding: .utf8)
        XCTAssertTrue(manifest.contains("swiftLanguageModes: [.v6]"), manifest)
        XCTAssertFalse(manifest.contains(".v5"), "a target is left in the Swift 5 mode")
        XCTAssertFalse(manifest.contains("unsafeFlags"), "no target opts out by flags")
        XCTAssertFalse(manifest.contains("platforms:"), "the package is for Linux only")
    }
}
