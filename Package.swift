// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "learn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "learn", targets: ["learn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Debian's libcmark (the only Markdown parser), plus wcwidth from the C library.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Markdown to styled terminal text, on top of cmark's tree.
        .target(name: "TerminalMarkdown", dependencies: ["CCmark"]),
        // Private multi-host networks in user + network namespaces.
        .target(name: "NetLab"),
        // The engine: course catalogue, builds, checks, demos, progress.
        .target(name: "LearnKit", dependencies: ["TerminalMarkdown", "NetLab"]),
        // The command line.
        .executableTarget(
            name: "learn",
            dependencies: [
                "LearnKit",
                "TerminalMarkdown",
                "NetLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TerminalMarkdownTests", dependencies: ["TerminalMarkdown"], exclude: ["Goldens", "Samples"]),
        .testTarget(name: "NetLabTests", dependencies: ["NetLab"]),
        .testTarget(name: "LearnKitTests", dependencies: [
            "LearnKit", "TerminalMarkdown",
            // The real parser, so the tests of its translated messages produce every shape.
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)
