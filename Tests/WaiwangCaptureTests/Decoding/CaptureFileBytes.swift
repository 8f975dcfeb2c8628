import Foundation

/// Capture files written byte by byte, independent of libpcap's writer, so the reader is tested
/// against the formats themselves: classic pcap (either byte order, micro- or nanoseconds) and
/// pcapng (section header, interface description with if_tsresol, enhanced packet blocks).
enum CaptureFileBytes {
    struct Record {
        var seconds: UInt32
        var fraction: UInt32
        var wireLength: Int
        var bytes: [UInt8]
    }

    private static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    private static func le32(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    /// A classic pcap file; `nano` picks the a1b23c4d magic.
    static func pcap(
        linkType: UInt32, records: [Record], nano: Bool = false, bigEndian: Bool = false,
        snapshotLength: UInt32 = 65535
    ) -> [UInt8] {
        func u32(_ value: UInt32) -> [UInt8] { bigEndian ? le32(value).reversed() : le32(value) }
        func u16(_ value: Int) -> [UInt8] { bigEndian ? le16(value).reversed() : le16(value) }
        var file =
            u32(nano ? 0xA1B2_3C4D : 0xA1B2_C3D4) + u16(2) + u16(4) + u32(0) + u32(0) + u32(snapshotLength) + u32(linkType)
        for record in records {
            file += u32(record.seconds) + u32(record.fraction) + u32(UInt32(record.bytes.count))
            file += u32(UInt32(record.wireLength)) + record.bytes
        }
        return file
    }

    /// A little-endian pcapng file with one interface whose timestamps are in nanoseconds.
    static func pcapng(linkType: Int, records: [(nanoseconds: UInt64, wireLength: Int, bytes: [UInt8])]) -> [UInt8] {
        func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
            let length = UInt32(12 + body.count)
            return le32(type) + le32(length) + body + le32(length)
        }
        func padded(_ bytes: [UInt8]) -> [UInt8] {
            bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
        }
        var file = block(0x0A0D_0D0A, le32(0x1A2B_3C4D) + le16(1) + le16(0) + le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF))
        // if_tsresol (9) = 9: 10^-9 seconds; opt_endofopt.
        let options = le16(9) + le16(1) + [9, 0, 0, 0] + le16(0) + le16(0)
        file += block(1, le16(linkType) + le16(0) + le32(65535) + options)
        for record in records {
            let body =
                le32(0) + le32(UInt32(truncatingIfNeeded: record.nanoseconds >> 32))
                + le32(UInt32(truncatingIfNeeded: record.nanoseconds)) + le32(UInt32(record.bytes.count))
                + le32(UInt32(record.wireLength)) + padded(record.bytes)
            file += block(6, body)
        }
        return file
    }

    /// Writes `bytes` to a fresh file under the temporary directory and returns its path.
    static func temporaryFile(_ bytes: [UInt8], suffix: String) throws -> String {
        let path = temporaryPath(suffix: suffix)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A unique path under the temporary directory.
    static func temporaryPath(suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("waiwang-capture-\(UUID().uuidString)\(suffix)")
            .path
    }
}
