import Foundation
import Testing
import WaiwangCapture
import WaiwangSNMP

@Suite("net-snmp fence")
struct SNMPLibraryTests {
    @Test("initialize() runs once and is harmless when repeated, also concurrently")
    func initializeIsIdempotent() async {
        SNMPLibrary.initialize()
        SNMPLibrary.initialize()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { SNMPLibrary.initialize() }
            }
        }
        #expect(SNMPLibrary.isInitialized)
    }

    @Test("MIB loading is off after initialize()")
    func mibLoadingIsOff() {
        SNMPLibrary.initialize()
        #expect(ProcessInfo.processInfo.environment["MIBS"] == "")
    }

    @Test("version is a dotted version number")
    func versionLooksLikeAVersion() {
        let version = SNMPLibrary.version
        #expect(!version.isEmpty)
        #expect(version.wholeMatch(of: /[0-9]+(\.[0-9]+)+([.\-+~a-zA-Z0-9]*)/) != nil, "got \(version)")
    }
}

@Suite("libpcap fence")
struct PcapLibraryTests {
    @Test("version names libpcap")
    func versionNamesLibpcap() {
        #expect(PcapLibrary.version.contains("libpcap"))
    }

    @Test("interfaceNames() lists the loopback or the any device")
    func interfaceNamesListsLoopback() throws {
        let names = try PcapLibrary.interfaceNames()
        #expect(!names.isEmpty)
        #expect(names.contains("lo") || names.contains("any") || names.contains("lo0"), "got \(names)")
    }

    @Test("a PcapError tells the operation and libpcap's message")
    func errorDescription() {
        let error = PcapError(code: .findAllDevices, message: "socket: Operation not permitted")
        #expect(error.description == "pcap_findalldevs failed: socket: Operation not permitted")
        #expect(PcapError(code: .findAllDevices, message: "").description == "pcap_findalldevs failed")
    }
}
