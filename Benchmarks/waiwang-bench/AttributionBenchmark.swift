import ArgumentParser
import Foundation
import WaiwangCore

/// `waiwang-bench attribution`: longest-prefix-match attribution of addresses to registered prefixes.
struct AttributionBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attribution",
        abstract: "Times PrefixTable look-ups on one thread over a registry-shaped prefix set."
    )

    @Option(
        help:
            "Number of registered prefixes (about 90% IPv4, 10% IPv6, some nested; IPv4 fills 10.0.0.0/8 at about 100,000)."
    )
    var prefixes = 50_000

    @Option(help: "Number of look-ups to time for each path.")
    var lookups = 20_000_000

    @Option(help: "Number of distinct look-up addresses, cycled through (95% inside a prefix).")
    var addresses = 1 << 20

    @Option(help: "Seed of the data generator.")
    var seed: UInt64 = 1

    @Option(help: "Write prefixes.txt and lookups.tsv (address, expected prefix or -) into this folder.")
    var dump: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    mutating func validate() throws {
        guard prefixes > 0, lookups > 0, addresses > 0 else {
            throw ValidationError("--prefixes, --lookups and --addresses must be positive")
        }
    }

    mutating func run() throws {
        let clock = ContinuousClock()

        let data = AttributionData(prefixCount: prefixes, addressCount: addresses, seed: seed)
        let texts = data.prefixes.map(\.description)

        // Build from text, as the registry does: parse every prefix, then build the table.
        let buildStart = clock.now
        var parsed: [(IPPrefix, Int)] = []
        parsed.reserveCapacity(texts.count)
        for (unit, text) in texts.enumerated() {
            parsed.append((try IPPrefix.parse(text), unit))
        }
        let parseEnd = clock.now
        let table = try PrefixTable(parsed)
        let buildEnd = clock.now

        if let dump {
            try write(data: data, table: table, to: dump)
        }

        let v4Addresses = data.addresses.compactMap { if case .v4(let value) = $0 { value } else { nil } }
        let v6Addresses = data.addresses.compactMap { if case .v6(let value) = $0 { value } else { nil } }

        // Warm the caches and the branch predictors once, untimed.
        _ = measureMixed(table, data.addresses, lookups: min(lookups, data.addresses.count))

        let mixed = measureMixed(table, data.addresses, lookups: lookups)
        let v4 = measureV4(table, v4Addresses, lookups: lookups)
        let v6 = measureV6(table, v6Addresses, lookups: lookups)

        let report = AttributionReport(
            prefixes: table.count,
            v4Prefixes: table.prefixes.count { $0.family == .v4 },
            v6Prefixes: table.prefixes.count { $0.family == .v6 },
            intervals: table.intervalCount.v4 + table.intervalCount.v6,
            distinctAddresses: data.addresses.count,
            lookups: lookups,
            parseSeconds: seconds(parseEnd - buildStart),
            buildSeconds: seconds(buildEnd - parseEnd),
            hitRate: Double(mixed.hits) / Double(lookups),
            mixedPerSecond: Double(lookups) / mixed.seconds,
            v4PerSecond: v4.map { Double(lookups) / $0.seconds },
            v6PerSecond: v6.map { Double(lookups) / $0.seconds },
            checksum: mixed.checksum &+ (v4?.checksum ?? 0) &+ (v6?.checksum ?? 0)
        )
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }

    private func write(data: AttributionData, table: PrefixTable<Int>, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var prefixText = ""
        for prefix in table.prefixes { prefixText += "\(prefix)\n" }
        try prefixText.write(toFile: folder + "/prefixes.txt", atomically: true, encoding: .utf8)
        var lookupText = ""
        for address in data.addresses {
            let expected = table.lookup(address).map { "\($0.prefix)" } ?? "-"
            lookupText += "\(address)\t\(expected)\n"
        }
        try lookupText.write(toFile: folder + "/lookups.tsv", atomically: true, encoding: .utf8)
    }
}

/// The timed result of one look-up loop.
struct Measurement {
    var seconds: Double
    var hits: Int
    var checksum: Int
}

func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return Double(whole) + Double(attoseconds) * 1e-18
}

@inline(never)
func measureMixed(_ table: PrefixTable<Int>, _ addresses: [IPAddress], lookups: Int) -> Measurement {
    let clock = ContinuousClock()
    var hits = 0
    var checksum = 0
    var position = 0
    let start = clock.now
    for _ in 0..<lookups {
        if let index = table.lookupIndex(addresses[position]) {
            hits &+= 1
            checksum &+= index
        }
        position &+= 1
        if position == addresses.count { position = 0 }
    }
    return Measurement(seconds: seconds(clock.now - start), hits: hits, checksum: checksum)
}

@inline(never)
func measureV4(_ table: PrefixTable<Int>, _ addresses: [UInt32], lookups: Int) -> Measurement? {
    guard !addresses.isEmpty else { return nil }
    let clock = ContinuousClock()
    var hits = 0
    var checksum = 0
    var position = 0
    let start = clock.now
    for _ in 0..<lookups {
        if let index = table.lookupV4(addresses[position]) {
            hits &+= 1
            checksum &+= index
        }
        position &+= 1
        if position == addresses.count { position = 0 }
    }
    return Measurement(seconds: seconds(clock.now - start), hits: hits, checksum: checksum)
}

@inline(never)
func measureV6(_ table: PrefixTable<Int>, _ addresses: [UInt128], lookups: Int) -> Measurement? {
    guard !addresses.isEmpty else { return nil }
    let clock = ContinuousClock()
    var hits = 0
    var checksum = 0
    var position = 0
    let start = clock.now
    for _ in 0..<lookups {
        if let index = table.lookupV6(addresses[position]) {
            hits &+= 1
            checksum &+= index
        }
        position &+= 1
        if position == addresses.count { position = 0 }
    }
    return Measurement(seconds: seconds(clock.now - start), hits: hits, checksum: checksum)
}

/// What `attribution` prints.
struct AttributionReport: Encodable {
    var prefixes: Int
    var v4Prefixes: Int
    var v6Prefixes: Int
    var intervals: Int
    var distinctAddresses: Int
    var lookups: Int
    var parseSeconds: Double
    var buildSeconds: Double
    var hitRate: Double
    var mixedPerSecond: Double
    var v4PerSecond: Double?
    var v6PerSecond: Double?
    var checksum: Int

    var text: String {
        func rate(_ value: Double?) -> String {
            guard let value else { return "-" }
            return String(format: "%.2f M look-ups/s", value / 1e6)
        }
        return """
            prefixes          \(prefixes) (\(v4Prefixes) IPv4, \(v6Prefixes) IPv6), \(intervals) intervals
            parse             \(String(format: "%.1f ms", parseSeconds * 1e3))
            build             \(String(format: "%.1f ms", buildSeconds * 1e3))
            look-ups          \(lookups) per path over \(distinctAddresses) addresses, \
            hit rate \(String(format: "%.1f%%", hitRate * 100))
            mixed (IPAddress) \(rate(mixedPerSecond))
            IPv4 (UInt32)     \(rate(v4PerSecond))
            IPv6 (UInt128)    \(rate(v6PerSecond))
            checksum          \(checksum)
            """
    }
}
