/// Why a text could not be read as an IP prefix, with a message fit to show the person who typed it.
public struct PrefixError: Error, CustomStringConvertible, Hashable, Sendable {
    /// The kinds of mistake a prefix text can hold.
    public enum Kind: Hashable, Sendable {
        /// The part before the slash is not an IPv4 or IPv6 address.
        case invalidAddress
        /// A slash with nothing after it.
        case missingLength
        /// The length is not plain decimal digits (a sign, a letter, a leading zero, a second slash).
        case invalidLength
        /// The length is larger than the family allows (32 for IPv4, 128 for IPv6).
        case lengthOutOfRange(family: IPFamily)
        /// The address has bits set beyond the length; `suggestion` is the network it belongs to.
        case hostBitsSet(suggestion: IPPrefix)
    }

    /// What is wrong.
    public let kind: Kind
    /// The text that was given.
    public let input: String

    /// Creates an error for `input`.
    public init(_ kind: Kind, input: String) {
        self.kind = kind
        self.input = input
    }

    /// A one-line explanation naming the input, and for host bits the prefix that was probably meant.
    public var description: String {
        let (address, length) = split(input)
        switch kind {
        case .invalidAddress:
            return "\(input): \"\(address)\" is not a valid IPv4 or IPv6 address"
        case .missingLength:
            return "\(input): missing prefix length after \"/\""
        case .invalidLength:
            return "\(input): prefix length \"\(length)\" must be a plain decimal number"
        case .lengthOutOfRange(let family):
            return "\(input): prefix length \(length) is out of range for "
                + "\(family == .v4 ? "IPv4" : "IPv6") (0–\(family.bitWidth))"
        case .hostBitsSet(let suggestion):
            return "\(input) has host bits set; did you mean \(suggestion)?"
        }
    }

    private func split(_ text: String) -> (address: Substring, length: Substring) {
        guard let slash = text.firstIndex(of: "/") else { return (text[...], "") }
        return (text[..<slash], text[text.index(after: slash)...])
    }
}
