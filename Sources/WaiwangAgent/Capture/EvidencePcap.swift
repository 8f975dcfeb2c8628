import Foundation

/// Cuts a pcap file to whole packets within a byte cap, so the evidence an alert carries up stays a valid capture
/// however long the episode ran: the global header and the first packets that fit.
enum EvidencePcap {
    /// `data` itself when it fits in `cap`, else its header and the leading records that fit, with how many
    /// packets were left out. Returns nil for data that is not a classic pcap file.
    static func capped(_ data: Data, cap: Int) -> (data: Data, omitted: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count >= 24 else { return nil }
        let magic = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
        let littleEndian: Bool
        switch magic {
        case 0xA1B2_C3D4, 0xA1B2_3C4D: littleEndian = true
        case 0xD4C3_B2A1, 0x4D3C_B2A1: littleEndian = false
        default: return nil
        }
        func word(_ offset: Int) -> Int {
            let b = bytes[offset..<offset + 4].map { Int($0) }
            return littleEndian ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[3] | b[2] << 8 | b[1] << 16 | b[0] << 24
        }
        var offset = 24
        var kept = 24
        var total = 0
        var fitting = 0
        while offset + 16 <= bytes.count {
            let end = offset + 16 + word(offset + 8)
            guard end <= bytes.count else { break }
            total += 1
            if end <= cap, kept == offset {
                kept = end
                fitting += 1
            }
            offset = end
        }
        if kept == bytes.count { return (data, 0) }
        return (Data(bytes[0..<kept]), total - fitting)
    }
}
