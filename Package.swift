// swift-tools-version: 6.2
import PackageDescription

/// The same strictness for every target, applied once below.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "filmwg",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "filmwg", targets: ["FilmWGCLI"]),
        .library(name: "FilmWG", targets: ["FilmWG"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ"],
            swiftSettings: [.strictMemorySafety()]
        ),
        .target(name: "Rules"),
        .executableTarget(name: "SQLEmbedder"),
        .plugin(name: "EmbedSQL", capability: .buildTool(), dependencies: ["SQLEmbedder"]),
        .target(
            name: "FilmWG",
            dependencies: ["Postgres", "Rules"],
            plugins: ["EmbedSQL"]
        ),
        .executableTarget(name: "FilmWGCLI", dependencies: ["FilmWG"], path: "Sources/filmwg-cli"),
        .executableTarget(name: "filmwg-bench", dependencies: ["Postgres"]),
        .target(name: "TestSupport", dependencies: ["Postgres", "FilmWG"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "TestSupport"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules"], resources: [.copy("Golden")]),
        .testTarget(name: "FilmWGTests", dependencies: ["FilmWG", "Postgres", "Rules", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "FilmWGCLI"], exclude: ["Fixtures", "Golden"]),
    ]
)

for target in package.targets where target.type != .system && target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
