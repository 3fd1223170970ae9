// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "learn",
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
        // The host side's one process layer: fork + exec with pipes, extra descriptors,
        // process groups, the terminal's foreground, resource limits, namespaces and a
        // reaping init; the registry of live children and the stop signals.
        .target(name: "CHostProcess"),
        .target(name: "HostProcess", dependencies: ["CHostProcess"]),
        // Private multi-host networks in user + network namespaces.
        .target(name: "NetLab", dependencies: ["HostProcess"]),
        // The engine: course catalogue, builds, checks, demos, progress.
        .target(name: "LearnKit", dependencies: ["TerminalMarkdown", "NetLab", "HostProcess"]),
        // The command line.
        .executableTarget(
            name: "learn",
            dependencies: [
                "LearnKit",
                "TerminalMarkdown",
                "NetLab",
                "HostProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TerminalMarkdownTests", dependencies: ["TerminalMarkdown"], exclude: ["Goldens", "Samples"]),
        .testTarget(name: "HostProcessTests", dependencies: ["HostProcess"]),
        .testTarget(name: "NetLabTests", dependencies: ["NetLab", "HostProcess"]),
        .testTarget(name: "LearnKitTests", dependencies: [
            "LearnKit", "TerminalMarkdown", "HostProcess",
            // The real parser, so the tests of its translated messages produce every shape.
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
