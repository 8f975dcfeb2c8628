/// One header field written as unbreakable tokens, folded with CRLF + space before it passes 76 columns.
struct HeaderField {
    /// Lines holding encoded-words must stay within 76 characters (RFC 2047 §2).
    static let lineLimit = 76

    let name: String
    let tokens: [String]
    /// What goes between two tokens on one line; a fold replaces its leading space.
    let separator: String

    /// An unstructured text field (Subject): plain ASCII as words, anything else as encoded-words.
    static func text(_ name: String, _ value: String) -> HeaderField {
        let flat = value.split(whereSeparator: \.isNewline).joined(separator: " ")
        if EncodedWord.isPlain(flat) {
            return HeaderField(name: name, tokens: flat.split(separator: " ").map(String.init), separator: " ")
        }
        let first = lineLimit - name.count - 2
        return HeaderField(
            name: name, tokens: EncodedWord.encode(flat, firstLimit: first, limit: lineLimit - 1), separator: " ")
    }

    /// An address list (From, To, Cc): display names quoted or encoded, folds only between mailboxes' words.
    static func addresses(_ name: String, _ mailboxes: [MailAddress]) -> HeaderField {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            var words: [String] = []
            if let displayName = mailbox.displayName {
                if EncodedWord.isPlain(displayName) {
                    let escaped = displayName.replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "\"", with: "\\\"")
                    words.append("\"\(escaped)\"")
                } else {
                    words += EncodedWord.encode(displayName, firstLimit: 52, limit: 52)
                }
                words.append("<\(mailbox.address)>")
            } else {
                words.append(mailbox.address)
            }
            if index < mailboxes.count - 1 { words[words.count - 1] += "," }
            tokens += words
        }
        return HeaderField(name: name, tokens: tokens, separator: " ")
    }

    /// A field whose value is already one ASCII token (Date, Message-ID, MIME-Version).
    static func raw(_ name: String, _ value: String) -> HeaderField {
        HeaderField(name: name, tokens: [value], separator: " ")
    }

    /// The field with its trailing CRLF.
    var rendered: String {
        var output = "\(name):"
        var column = output.count
        for (index, token) in tokens.enumerated() {
            let gap = index == 0 ? " " : separator
            if index > 0, column + gap.count + token.count > Self.lineLimit {
                output += "\r\n " + token
                column = 1 + token.count
            } else {
                output += gap + token
                column += gap.count + token.count
            }
        }
        return output + "\r\n"
    }
}
