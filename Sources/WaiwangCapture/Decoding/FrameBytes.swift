/// Big-endian reads from a captured frame. Callers check `count` before every read: the loads
/// are unchecked in release builds, which is what keeps decoding at tens of nanoseconds.
struct FrameBytes {
    let raw: UnsafeRawBufferPointer

    var count: Int { raw.count }

    @inline(__always)
    func u8(_ offset: Int) -> UInt8 {
        raw.load(fromByteOffset: offset, as: UInt8.self)
    }

    @inline(__always)
    func u16(_ offset: Int) -> UInt16 {
        UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    func u128(_ offset: Int) -> UInt128 {
        let high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let low = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
        return UInt128(high) << 64 | UInt128(low)
    }

    /// Six bytes at `offset` as a MAC address.
    @inline(__always)
    func mac(_ offset: Int) -> MACAddress {
        MACAddress(UInt64(u16(offset)) << 32 | UInt64(u32(offset + 2)))
    }
}
