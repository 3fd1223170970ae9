// swift-tools-version:6.0
// For editors: open exercises/ and sourcekit-lsp gives completion and diagnostics in every
// exercise. Each exercises/<id>.swift is a target of its own (a module per lesson, so two
// lessons may define the same helper), all in this one folder: `learn` grades the files where
// they are. `swift build` here type-checks them; the course's own Package.swift never sees
// this folder.
import Foundation
import PackageDescription

let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let exercises = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    .filter { $0.hasSuffix(".swift") && $0 != "Package.swift" }
    .sorted()

/// "09-multicasting.swift" -> "Exercise09Multicasting".
func moduleName(_ file: String) -> String {
    let words = file.dropLast(".swift".count).split { !$0.isLetter && !$0.isNumber }
    return "Exercise" + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
}

let package = Package(
    name: "exercises",
    targets: exercises.map { file in
        .target(name: moduleName(file), path: ".", exclude: ["Package.swift"], sources: [file])
    },
    swiftLanguageModes: [.v5]
)
