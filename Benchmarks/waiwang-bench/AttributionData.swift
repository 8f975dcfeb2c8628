import WaiwangCore

/// A registry-shaped prefix set and look-up addresses, as a city's extranet would have them.
///
/// IPv4 (about 90%): 16 county blocks of 10.0.0.0/12 style, each registered as an aggregate,
/// filled with unit prefixes of /24–/29 handed out in order with some gaps; about half of the
/// /16s in use are registered as department aggregates, and one /24 in twenty carries a nested
/// /28 of a sub-unit. IPv6 (about 10%): 16 county /36s in 2001:db8::/32, registered, filled with
/// unit /48, /56 and /64 prefixes. So most look-ups meet two or three nested prefixes.
struct AttributionData {
    var prefixes: [IPPrefix] = []
    var addresses: [IPAddress] = []

    init(prefixCount: Int, addressCount: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let v6Count = prefixCount / 10
        generateV4(count: prefixCount - v6Count, rng: &rng)
        generateV6(count: v6Count, rng: &rng)
        generateAddresses(count: addressCount, rng: &rng)
    }

    private mutating func generateV4(count: Int, rng: inout SplitMix64) {
        let counties = min(16, count)
        let countySize: UInt64 = 1 << 20
        var cursors: [UInt64] = []
        for county in 0..<counties {
            let base = 0x0A00_0000 + UInt64(county) * countySize
            cursors.append(base)
            prefixes.append(IPPrefix(truncating: .v4(UInt32(base)), length: 12))
        }
        var departments = Set<UInt64>()
        var full = Set<Int>()
        var produced = counties
        // Unit sizes: /24 25%, /25 10%, /26 15%, /27 15%, /28 15%, /29 20%.
        let lengths = [24, 24, 24, 24, 24, 25, 25, 26, 26, 26, 27, 27, 27, 28, 28, 28, 29, 29, 29, 29]
        while produced < count, full.count < counties {
            let county = rng.below(counties)
            let length = lengths[rng.below(lengths.count)]
            let size = UInt64(1) << (32 - length)
            var cursor = cursors[county]
            if rng.below(10) == 0 { cursor += UInt64(rng.below(4) * 256) }  // an unallocated gap
            cursor = (cursor + size - 1) & ~(size - 1)  // aligned to the prefix size
            guard cursor + size <= 0x0A00_0000 + UInt64(county + 1) * countySize else {
                full.insert(county)  // about 100,000 prefixes fill 10.0.0.0/8
                continue
            }
            cursors[county] = cursor + size
            prefixes.append(IPPrefix(truncating: .v4(UInt32(cursor)), length: length))
            produced += 1
            if produced < count, departments.insert(cursor >> 16).inserted, rng.below(2) == 0 {
                prefixes.append(IPPrefix(truncating: .v4(UInt32(cursor)), length: 16))
                produced += 1
            }
            if produced < count, length == 24, rng.below(20) == 0 {
                prefixes.append(IPPrefix(truncating: .v4(UInt32(cursor) | UInt32(rng.below(16)) << 4), length: 28))
                produced += 1
            }
        }
    }

    private mutating func generateV6(count: Int, rng: inout SplitMix64) {
        guard count > 0 else { return }
        // Work in units of /64: the upper 64 bits of the address.
        let base: UInt64 = 0x2001_0db8 << 32
        let counties = min(16, count)
        var cursors: [UInt64] = []
        for county in 0..<counties {
            let start = base | UInt64(county) << 28
            cursors.append(start)
            prefixes.append(IPPrefix(truncating: .v6(UInt128(start) << 64), length: 36))
        }
        var produced = counties
        let lengths = [48, 48, 48, 48, 56, 56, 56, 64, 64, 64]
        while produced < count {
            let county = rng.below(counties)
            let length = lengths[rng.below(lengths.count)]
            let size = UInt64(1) << (64 - length)
            var cursor = cursors[county]
            if rng.below(10) == 0 { cursor &+= UInt64(rng.below(4)) << 16 }
            cursor = (cursor &+ size &- 1) & ~(size &- 1)
            cursors[county] = cursor &+ size
            prefixes.append(IPPrefix(truncating: .v6(UInt128(cursor) << 64), length: length))
            produced += 1
        }
    }

    private mutating func generateAddresses(count: Int, rng: inout SplitMix64) {
        addresses.reserveCapacity(count)
        for _ in 0..<count {
            switch rng.below(100) {
            case 0..<95:
                // Inside a registered prefix (so a hit, on it or on a prefix nested in it).
                let prefix = prefixes[rng.below(prefixes.count)]
                switch (prefix.first, prefix.last) {
                case (.v4(let first), .v4(let last)):
                    addresses.append(.v4(first | UInt32(truncatingIfNeeded: rng.next()) & (last - first)))
                case (.v6(let first), .v6(let last)):
                    let random = UInt128(rng.next()) << 64 | UInt128(rng.next())
                    addresses.append(.v6(first | random & (last - first)))
                default:
                    preconditionFailure("a prefix's bounds differ in family")
                }
            case 95..<99:
                // Anywhere in IPv4: nearly always a miss.
                addresses.append(.v4(UInt32(truncatingIfNeeded: rng.next())))
            default:
                // Anywhere in IPv6: nearly always a miss.
                addresses.append(.v6(UInt128(rng.next()) << 64 | UInt128(rng.next())))
            }
        }
    }
}
