/// The extensions a server announced in its EHLO reply.
struct SMTPCapabilities: Sendable {
    /// Keyword (upper case) → parameters, e.g. `AUTH` → `["PLAIN", "LOGIN"]`.
    let extensions: [String: [String]]

    /// From a 250 EHLO reply; the first line is the server's greeting, not an extension.
    init(ehlo reply: SMTPReply) {
        var extensions: [String: [String]] = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = words.dropFirst().map { $0.uppercased() }
        }
        self.extensions = extensions
    }

    /// A server that only spoke HELO offers nothing.
    static let none = SMTPCapabilities(extensions: [:])

    private init(extensions: [String: [String]]) { self.extensions = extensions }

    func supports(_ keyword: String) -> Bool { extensions[keyword] != nil }

    var authMechanisms: [String] { extensions["AUTH"] ?? [] }
}
