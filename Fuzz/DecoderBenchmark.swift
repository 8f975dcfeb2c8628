// Release-build micro benchmark of PacketDecoder (built by `scripts/fuzz-decoders --bench`):
// decodes a mix of frames held in one buffer, many times over, and prints nanoseconds per frame
// of this thread's CPU time (so that other work on a shared machine does not inflate it).

#if canImport(Glibc)
    import Glibc
#endif

@main
struct DecoderBenchmark {
    static func be16(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func ipv4(_ proto: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0x45, 0] + be16(20 + payload.count) + [0, 1, 0, 0, 64, proto, 0, 0, 10, 77, 1, 5, 10, 0, 0, 1] + payload
    }

    static func ipv6(_ next: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0x60, 0, 0, 0] + be16(payload.count) + [next, 64] + [UInt8](repeating: 0x20, count: 32) + payload
    }

    static func main() {
        let macs: [UInt8] = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1]
        let tcp: [UInt8] = [0x9C, 0x40, 0, 22, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 4, 0, 0, 0, 0, 0]
        let udp: [UInt8] = [0x14, 0xE9, 0, 53, 0, 12, 0, 0, 1, 2, 3, 4]
        let arp: [UInt8] = [0, 1, 8, 0, 6, 4, 0, 1] + [UInt8](repeating: 1, count: 20)
        let frames: [[UInt8]] = [
            macs + be16(0x0800) + ipv4(6, tcp),
            macs + be16(0x0800) + ipv4(17, udp),
            macs + be16(0x0800) + ipv4(6, tcp),
            macs + be16(0x88A8) + be16(10) + be16(0x8100) + be16(20) + be16(0x0800) + ipv4(6, tcp),
            macs + be16(0x86DD) + ipv6(6, tcp),
            macs + be16(0x86DD) + ipv6(0, [6, 0, 1, 4, 0, 0, 0, 0] + tcp),
            macs + be16(0x0806) + arp,
            macs + be16(0x0800) + ipv4(1, [8, 0, 0, 0, 0, 1, 0, 1]),
        ]
        var buffer: [UInt8] = []
        var slices: [(Int, Int)] = []
        for frame in frames {
            slices.append((buffer.count, frame.count))
            buffer += frame
        }
        let rounds = 2_000_000
        var decoder = PacketDecoder(linkType: .ethernet)
        var checksum = 0
        let elapsed = buffer.withUnsafeBytes { raw in
            threadCPUTime {
                for round in 0..<rounds {
                    for (offset, count) in slices {
                        let frame = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + count])
                        if let packet = decoder.decode(frame, timestampNanoseconds: Int64(round), wireLength: count),
                            case .ip(_, _, .tcp(let source, _, _), _) = packet.network
                        {
                            checksum &+= Int(source)
                        }
                    }
                }
            }
        }
        let total = rounds * slices.count
        let nanoseconds = Double(elapsed)
        print(
            "decoded \(decoder.statistics.decoded) of \(total) frames in \(Int(nanoseconds / 1e6)) ms: "
                + "\(String(format: nanoseconds / Double(total))) ns/frame, "
                + "\(Int(Double(total) / nanoseconds * 1e3)) million frames/s (checksum \(checksum))")
    }

    /// Nanoseconds of this thread's CPU time that `body` took.
    static func threadCPUTime(_ body: () -> Void) -> Int64 {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return Int64(end.tv_sec - start.tv_sec) * 1_000_000_000 + Int64(end.tv_nsec - start.tv_nsec)
    }

    static func String(format value: Double) -> Swift.String {
        let tenths = Int(value * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
