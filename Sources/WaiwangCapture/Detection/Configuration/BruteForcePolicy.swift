/// brute_force: many sessions from one source to one authentication service on one target in a window.
public struct BruteForcePolicy: Sendable, Hashable, Codable {
    public var enabled = true
    /// New sessions (SYNs from distinct source ports) that make a brute-force attempt.
    public var sessions = 20
    public var windowSeconds = 60.0
    /// SSH, Telnet, FTP, POP3, IMAP, SMB, RDP, VNC and the databases.
    public var ports: [UInt16] = [21, 22, 23, 110, 143, 445, 1433, 1521, 3306, 3389, 5432, 5900]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        sessions = try c.value(.sessions, or: sessions)
        windowSeconds = try c.value(.windowSeconds, or: windowSeconds)
        ports = try c.value(.ports, or: ports)
    }
}
