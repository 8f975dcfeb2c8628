// swift-tools-version:6.2
// Waiwang: registry, probe agents and isolation workflow for a city's e-government extranet.

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "waiwang",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "waiwang-registry", targets: ["waiwang-registry"]),
        .executable(name: "waiwang-agent", targets: ["waiwang-agent"]),
        .executable(name: "waiwangctl", targets: ["waiwangctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        // C fences: module map + shim header over Debian's -dev packages, nothing else.
        .systemLibrary(
            name: "CNetSNMP",
            path: "Sources/CNetSNMP",
            pkgConfig: "netsnmp",
            providers: [.apt(["libsnmp-dev"])]
        ),
        .systemLibrary(
            name: "CPcap",
            path: "Sources/CPcap",
            pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]
        ),

        // The domain: pure Swift, no I/O, nothing of ours imported.
        .target(name: "WaiwangCore", swiftSettings: strict),
        // Wire types shared by the registry, the agent and waiwangctl.
        .target(
            name: "WaiwangAPI",
            dependencies: [
                "WaiwangCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The only module that imports CNetSNMP.
        .target(name: "WaiwangSNMP", dependencies: ["CNetSNMP", "WaiwangCore"], swiftSettings: strict),
        // The only module that imports CPcap.
        .target(name: "WaiwangCapture", dependencies: ["CPcap", "WaiwangCore"], swiftSettings: strict),
        // SQLite through GRDB: migrations, records, queries, the audit chain.
        .target(
            name: "WaiwangStore",
            dependencies: [
                "WaiwangCore",
                "WaiwangAPI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The Hummingbird application: routes, auth, import/export.
        .target(
            name: "WaiwangRegistry",
            dependencies: [
                "WaiwangCore",
                "WaiwangAPI",
                "WaiwangStore",
                "WaiwangDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // HTTP client of the registry API, used by waiwangctl and the agent.
        .target(
            name: "WaiwangClient",
            dependencies: [
                "WaiwangAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        // Delivery channels of reports: SMTP mail, signed webhooks, retries with every attempt kept.
        .target(
            name: "WaiwangDelivery",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The probe agent runtime: outbox (GRDB), uplink (AsyncHTTPClient), assignment, commands, metrics.
        .target(
            name: "WaiwangAgent",
            dependencies: [
                "WaiwangCore", "WaiwangAPI", "WaiwangSNMP", "WaiwangCapture", "WaiwangClient",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // Executables: argument parsing and wiring only.
        .executableTarget(
            name: "waiwang-registry",
            dependencies: [
                "WaiwangRegistry",
                "WaiwangStore",
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "waiwang-agent",
            dependencies: [
                "WaiwangAgent",
                "WaiwangAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "waiwangctl",
            dependencies: [
                "WaiwangClient",
                "WaiwangAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "waiwang-bench",
            dependencies: [
                "WaiwangCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/waiwang-bench",
            swiftSettings: strict
        ),

        .testTarget(name: "WaiwangCoreTests", dependencies: ["WaiwangCore"], swiftSettings: strict),
        .testTarget(name: "WaiwangAPITests", dependencies: ["WaiwangAPI"], swiftSettings: strict),
        // The C fences against real snmpd and libpcap, and the agent's poller built directly on them.
        .testTarget(
            name: "WaiwangFenceTests", dependencies: ["WaiwangSNMP", "WaiwangCapture", "WaiwangAgent"],
            swiftSettings: strict),
        // Packet decoding and the attack detectors, on crafted bytes and on captures of real tools.
        .testTarget(
            name: "WaiwangCaptureTests", dependencies: ["WaiwangCapture", "WaiwangCore"],
            resources: [.copy("Fixtures")], swiftSettings: strict),
        // The agent runtime: outbox durability (SIGKILLed writer), priority, bounds, backoff, caches, commands.
        .testTarget(
            name: "WaiwangAgentTests",
            dependencies: [
                "WaiwangAgent", "WaiwangAPI", "WaiwangClient",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The real peers of the delivery tests (aiosmtpd, the webhook receiver), shared by every test target.
        .target(name: "WaiwangTestSupport", path: "Tests/WaiwangTestSupport", swiftSettings: strict),
        // Mail rendering, the SMTP client against a real aiosmtpd, webhooks and retries against real servers.
        .testTarget(
            name: "WaiwangDeliveryTests",
            dependencies: [
                "WaiwangDelivery",
                "WaiwangTestSupport",
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "WaiwangRegistryTests",
            dependencies: [
                "WaiwangRegistry",
                "WaiwangStore",
                "WaiwangDelivery",
                "WaiwangTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
    ]
)
