/// A mailbox: an ASCII addr-spec (`local@domain`) and an optional display name in any script.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The addr-spec used on the SMTP envelope and in headers.
    public let address: String
    /// The human name shown by mail readers, e.g. `市网信办值班室`.
    public let displayName: String?

    /// Checks the address (one `@`, no spaces, controls or angle brackets, ASCII only: no SMTPUTF8).
    public init(_ address: String, name: String? = nil) throws(MailMessageError) {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw MailMessageError(field: "address", reason: "\(address.debugDescription) is not local@domain")
        }
        let forbidden: Set<Character> = ["<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        for scalar in address.unicodeScalars where scalar.value <= 0x20 || scalar.value >= 0x7F {
            throw MailMessageError(
                field: "address", reason: "\(address.debugDescription) has a space, control or non-ASCII character")
        }
        if address.contains(where: forbidden.contains) {
            throw MailMessageError(field: "address", reason: "\(address.debugDescription) has a reserved character")
        }
        if let name, name.contains(where: { $0.isNewline }) {
            throw MailMessageError(field: "display name", reason: "a line break in \(name.debugDescription)")
        }
        self.address = address
        self.displayName = name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The domain part, used for the Message-ID.
    public var domain: Substring { address[address.index(after: address.firstIndex(of: "@")!)...] }

    public var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }
}
