/// A set of TCP/UDP ports as a 65,536-bit map: one load to ask about a port on the hot path.
struct PortSet {
    private var words = [UInt64](repeating: 0, count: 1024)

    init(_ ports: some Sequence<UInt16>) {
        for port in ports { words[Int(port >> 6)] |= 1 << UInt64(port & 63) }
    }

    @inline(__always)
    func contains(_ port: UInt16) -> Bool { words[Int(port >> 6)] & (1 << UInt64(port & 63)) != 0 }
}
