import Crypto
import Foundation

/// The signature scheme of our webhooks: `X-Waiwang-Signature: sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">`
/// with the Unix timestamp in `X-Waiwang-Timestamp`, so a receiver can reject forged and replayed calls.
public enum WebhookSignature {
    public static let signatureHeader = "X-Waiwang-Signature"
    public static let timestampHeader = "X-Waiwang-Timestamp"
    public static let idempotencyHeader = "Idempotency-Key"
    public static let eventHeader = "X-Waiwang-Event"

    /// `sha256=<hex>` for `body` sent at `timestamp` (seconds since 1970).
    public static func sign(body: [UInt8], timestamp: Int64, secret: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(
            for: signedBytes(body: body, timestamp: timestamp), using: SymmetricKey(data: secret))
        return "sha256="
            + mac.map { byte in
                let digits = Array("0123456789abcdef")
                return "\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
            }.joined()
    }

    /// Checks a received call: the signature matches (compared in constant time) and the timestamp is
    /// within `tolerance` of `now`. Throws what is wrong, for the receiver's log; answer 401 to the sender.
    public static func verify(
        body: [UInt8],
        timestamp: String?,
        signature: String?,
        secret: [UInt8],
        now: Date = Date(),
        tolerance: TimeInterval = 300
    ) throws(WebhookVerificationError) {
        guard let timestamp, let seconds = Int64(timestamp) else { throw .missingTimestamp }
        guard let signature, signature.hasPrefix("sha256="), let mac = bytes(hex: signature.dropFirst(7)),
            mac.count == 32
        else {
            throw .malformedSignature
        }
        guard abs(now.timeIntervalSince1970 - Double(seconds)) <= tolerance else { throw .staleTimestamp }
        let valid = HMAC<SHA256>.isValidAuthenticationCode(
            mac, authenticating: signedBytes(body: body, timestamp: seconds), using: SymmetricKey(data: secret))
        guard valid else { throw .signatureMismatch }
    }

    private static func signedBytes(body: [UInt8], timestamp: Int64) -> [UInt8] {
        Array("\(timestamp).".utf8) + body
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why a received webhook call is not ours or not fresh.
public enum WebhookVerificationError: Error, Sendable, Equatable {
    case missingTimestamp
    case malformedSignature
    case staleTimestamp
    case signatureMismatch
}
