import WaiwangCapture
import WaiwangSNMP

/// What this build of the probe agent is: its own version and the C libraries it runs on.
public enum AgentInfo {
    /// The agent's version.
    public static let version = "0.1.0"

    /// The versions of the system libraries linked in, keyed `net-snmp` and `libpcap`.
    public static func libraryVersions() -> [String: String] {
        [
            "net-snmp": SNMPLibrary.version,
            "libpcap": PcapLibrary.version,
        ]
    }
}
