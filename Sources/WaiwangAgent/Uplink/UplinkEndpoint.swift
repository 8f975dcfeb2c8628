import Foundation

/// Where the registry is and how to trust it: HTTPS with a pinned CA, or plain HTTP to a loopback address when
/// the configuration explicitly allows it (tests on one machine).
public struct UplinkEndpoint: Sendable, Equatable {
    /// The registry's root, e.g. `https://waiwang.example.org`.
    public var baseURL: URL
    /// PEM file of the CA that signed the registry's certificate: the only root trusted.
    public var caFile: String?
    public var allowInsecureLoopback: Bool

    /// Checks the combination: `https` (with a CA file, if given, that exists), or `http` only to loopback and only
    /// when allowed.
    public init(url: String, caFile: String?, allowInsecureLoopback: Bool) throws {
        guard let baseURL = URL(string: url), let scheme = baseURL.scheme?.lowercased(), let host = baseURL.host,
            !host.isEmpty
        else {
            throw UplinkError(code: .configuration, message: "registry URL \"\(url)\" is not an http(s) URL")
        }
        switch scheme {
        case "https":
            if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
                throw UplinkError(code: .configuration, message: "cannot read the registry CA file \(caFile)")
            }
        case "http":
            guard allowInsecureLoopback else {
                throw UplinkError(
                    code: .configuration,
                    message: "plain http to the registry needs allow_insecure_loopback = true (and a loopback host)")
            }
            guard Self.isLoopback(host) else {
                throw UplinkError(
                    code: .configuration, message: "plain http is allowed only to a loopback host, not \(host)")
            }
        default:
            throw UplinkError(code: .configuration, message: "registry URL scheme must be https (or http to loopback)")
        }
        self.baseURL = baseURL
        self.caFile = caFile
        self.allowInsecureLoopback = allowInsecureLoopback
    }

    /// 127.0.0.0/8, ::1 or localhost.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
