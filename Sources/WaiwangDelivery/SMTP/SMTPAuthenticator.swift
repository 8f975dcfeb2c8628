import Foundation
import NIOCore

/// AUTH PLAIN (RFC 4616) or AUTH LOGIN, whichever the server offers, PLAIN first; never logs the secret.
struct SMTPAuthenticator {
    let connection: SMTPConnection
    let timeout: TimeAmount

    func authenticate(_ credentials: SMTPCredentials, mechanisms: [String], overTLS: Bool) async throws {
        guard overTLS || credentials.allowWithoutTLS else {
            throw SMTPError(
                .authentication, step: "AUTH", message: "credentials are only sent over TLS; configure STARTTLS")
        }
        if mechanisms.contains("PLAIN") {
            let token = Data(Array("\0\(credentials.username)\0\(credentials.password)".utf8)).base64EncodedString()
            try check(await connection.command("AUTH PLAIN \(token)", step: "AUTH", timeout: timeout))
        } else if mechanisms.contains("LOGIN") {
            let start = try await connection.command("AUTH LOGIN", step: "AUTH", timeout: timeout)
            try expectChallenge(start)
            let user = try await connection.command(base64(credentials.username), step: "AUTH", timeout: timeout)
            try expectChallenge(user)
            try check(await connection.command(base64(credentials.password), step: "AUTH", timeout: timeout))
        } else {
            throw SMTPError(
                .authentication, step: "AUTH",
                message: "the server offers no AUTH mechanism we speak (offered: \(mechanisms.joined(separator: " ")))")
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
