import Foundation
import NIOCore

/// AUTH with the first of the configured mechanisms the server offers; never logs the secret.
struct SMTPAuthenticator {
    let connection: SMTPConnection
    let timeout: TimeAmount

    func authenticate(_ credentials: SMTPCredentials, mechanisms: [String], overTLS: Bool) async throws {
        guard overTLS || credentials.allowWithoutTLS else {
            throw SMTPError(
                .authentication, step: "AUTH", message: "credentials are only sent over TLS; configure STARTTLS")
        }
        let offered = Set(mechanisms)
        switch credentials.mechanisms.first(where: { offered.contains($0.rawValue) }) {
        case .plain:
            let token = Data(Array("\0\(credentials.username)\0\(credentials.password)".utf8)).base64EncodedString()
            try check(await connection.command("AUTH PLAIN \(token)", step: "AUTH", timeout: timeout))
        case .login:
            let start = try await connection.command("AUTH LOGIN", step: "AUTH", timeout: timeout)
            try expectChallenge(start)
            let user = try await connection.command(base64(credentials.username), step: "AUTH", timeout: timeout)
            try expectChallenge(user)
            try check(await connection.command(base64(credentials.password), step: "AUTH", timeout: timeout))
        case nil:
            throw SMTPError(
                .authentication, step: "AUTH",
                message:
                    "the server offers no AUTH mechanism we may use (offered: \(mechanisms.joined(separator: " ")))")
        }
    }

    private func base64(_ text: String) -> String { Data(Array(text.utf8)).base64EncodedString() }

    private func expectChallenge(_ reply: SMTPReply) throws {
        guard reply.code == 334 else {
            throw SMTPError(.authentication, step: "AUTH", reply: reply, message: "the server broke off AUTH LOGIN")
        }
    }

    private func check(_ reply: SMTPReply) throws {
        guard reply.code == 235 else {
            throw SMTPError(.authentication, step: "AUTH", reply: reply, message: "the server refused the credentials")
        }
    }
}
