// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Vigil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vigil", targets: ["vigil"]),
        .library(name: "VigilCore", targets: ["VigilCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The pure dispatch domain: no I/O, no clock, no global RNG.
        .target(
            name: "VigilCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections")
            ]
        ),
        // Force files (TOML) and the built-in demo force.
        .target(
            name: "VigilForce",
            dependencies: ["VigilCore", "TOMLKit"],
            resources: [.copy("Resources/demo-force.toml")]
        ),
        // The event log: append-only, hash-chained, shared by every console, on SQLite or PostgreSQL.
        .target(
            name: "VigilStore",
            dependencies: [
                "VigilCore", "VigilForce",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Simulated shifts: scenarios, callers, call handlers, auto-dispatch and crews, all through commands.
        .target(
            name: "VigilSim",
            dependencies: ["VigilCore", "VigilForce", .product(name: "HeapModule", package: "swift-collections")],
            resources: [.copy("Resources/scenarios")]
        ),
        // Wide-character ncurses, through a small C shim (Swift 6 refuses its global variables and macros).
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
        // The console: a cell buffer, widgets and views rendered from state; ncurses and in-memory terminals.
        // The built-in themes, top-level so users find one to copy for `--theme PATH`.
        .target(
            name: "VigilThemes",
            path: "Themes",
            resources: [
                .copy("default.toml"), .copy("high-contrast.toml"), .copy("monochrome.toml"), .copy("amber.toml"),
            ]
        ),
        .target(
            name: "VigilTUI",
            dependencies: ["VigilCore", "VigilForce", "VigilThemes", "CNCurses"]
        ),
        // Emergency Incident Data Objects (NENA-STA-021.1b): export, import and the schema's checks.
        .target(name: "VigilEIDO", dependencies: ["VigilCore"]),
        // Seeded random streams of commands, for benchmarks and property tests.
        .target(name: "VigilWorkload", dependencies: ["VigilCore"]),
        // Benchmarks run by `vigil bench` on a release build.
        .target(
            name: "VigilBench",
            dependencies: [
                "VigilCore", "VigilForce", "VigilStore", "VigilSim", "VigilTUI", "VigilWorkload",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilCore", "VigilForce", "VigilStore", "VigilSim", "VigilBench", "VigilTUI", "VigilEIDO",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What several test targets share: golden files, live logs with PINs.
        .target(
            name: "VigilTestSupport", dependencies: ["VigilTUI", "VigilStore", "VigilForce"], path: "Tests/Support"),
        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore", "VigilForce", "VigilWorkload"]),
        .testTarget(name: "VigilForceTests", dependencies: ["VigilForce"]),
        .testTarget(
            name: "VigilStoreTests",
            dependencies: [
                "VigilStore", "VigilWorkload", "VigilTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "VigilSimTests", dependencies: ["VigilSim"]),
        .testTarget(name: "VigilEIDOTests", dependencies: ["VigilEIDO", "VigilSim", "VigilForce"]),
        .testTarget(name: "VigilTUITests", dependencies: ["VigilTUI", "VigilTestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "vigilTests",
            dependencies: ["vigil", "VigilTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
