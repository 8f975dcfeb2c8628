import Testing
import WaiwangCapture

@Suite("MAC addresses")
struct MACAddressTests {
    @Test("prints six lowercase hex pairs, first octet first")
    func printsCanonically() {
        #expect(MACAddress(0x0012_34ab_cdef).description == "00:12:34:ab:cd:ef")
        #expect(MACAddress.broadcast.description == "ff:ff:ff:ff:ff:ff")
    }

    @Test("keeps only the low 48 bits")
    func masksHighBits() {
        #expect(MACAddress(0xFFFF_0000_0000_0001) == MACAddress(1))
    }
}
