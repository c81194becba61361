// swift-tools-version:6.1
import PackageDescription

// Modules follow the data flow (see README "Architecture"):
// Curl → Feeds → Geo → Store → Rules → Delivery, wired together in NewsAlert.
let package = Package(
    name: "newsalert",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "newsalert", targets: ["newsalert"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The service's HTTP endpoint (/healthz, /readyz, /metrics) and its ServiceGroup.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // C shim: typed wrappers for libcurl's variadic calls.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // libxml2 as a Swift module (system library, found through pkg-config).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "Curl", dependencies: ["CCurl"]),
        .target(name: "Tokens"),
        .target(name: "Feeds", dependencies: ["CLibXML2", "Tokens"]),
        // Geo embeds its generated gazetteer as Swift source (Data/GazetteerData.swift), so the
        // binary needs no resource bundle; the generator's inputs stay out of the build.
        .target(name: "Geo", dependencies: ["Tokens", "Feeds"], exclude: ["Data/curated.txt", "Data/ATTRIBUTION.md"]),
        .target(name: "Store", dependencies: ["Feeds", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Rules", dependencies: ["Tokens", "Feeds", "Geo", "Yams"]),
        .target(
            name: "Delivery",
            dependencies: [
                "Curl", "Feeds", "Store",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "NewsAlert",
            dependencies: [
                "Curl", "Tokens", "Feeds", "Geo", "Rules", "Store", "Delivery", "Yams",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // WebSub: X-Hub-Signature HMACs (sha1/sha256/sha384/sha512).
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "newsalert",
            dependencies: [
                "NewsAlert", "Curl", "Feeds", "Geo", "Rules", "Store", "Delivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Benchmarks (run in release; see BENCHMARKS.md for the commands).
        .executableTarget(name: "FetchBench", dependencies: ["Curl"], path: "Benchmarks/FetchBench", exclude: ["run.sh", "RESULTS.md"]),
        .executableTarget(name: "FeedBench", dependencies: ["Feeds"], path: "Benchmarks/FeedBench", exclude: ["bench.py", "conformance.py", "compare.sh", "instructions.sh", "RESULTS.md"]),
        .executableTarget(name: "ExtractBench", dependencies: ["Feeds"], path: "Benchmarks/ExtractBench", exclude: ["score.py", "RESULTS.md"]),
        .executableTarget(name: "StoreBench", dependencies: ["Store", "Feeds"], path: "Benchmarks/StoreBench", exclude: ["scripts", "RESULTS.md", "run.sh"]),
        .executableTarget(name: "MatchBench", dependencies: ["Rules", "Geo", "Feeds", "Tokens"], path: "Benchmarks/MatchBench",
                          exclude: ["anchors.py", "gen_data.py", "corpus_stories.py", "run.sh", "RESULTS.md"]),
        .executableTarget(name: "GeoBench", dependencies: ["Geo", "Tokens", "Feeds"], path: "Benchmarks/GeoBench",
                          exclude: ["labelled.jsonl", "geo_accuracy.py", "RESULTS.md"]),
        .executableTarget(name: "DeliveryBench", dependencies: ["Delivery", "Curl", "Store", "Feeds", .product(name: "Logging", package: "swift-log")], path: "Benchmarks/DeliveryBench", exclude: ["scripts", "RESULTS.md", "run.sh"]),

        .target(name: "TestSupport", dependencies: ["Curl"], path: "Tests/TestSupport", exclude: ["peers"]),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "TestSupport"]),
        .testTarget(name: "TokensTests", dependencies: ["Tokens"]),
        .testTarget(name: "FeedsTests", dependencies: ["Feeds", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoTests", dependencies: ["Geo", "Tokens"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Feeds", "Tokens", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Geo", "Feeds", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "Curl", "Store", "Feeds", "TestSupport"]),
        .testTarget(name: "NewsAlertTests", dependencies: ["NewsAlert", "Store", "Curl", "Feeds", "TestSupport", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
