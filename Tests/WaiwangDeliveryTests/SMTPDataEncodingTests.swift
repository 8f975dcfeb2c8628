import Testing

@testable import WaiwangDelivery

@Suite("SMTP DATA encoding: dot-stuffing and line ends")
struct SMTPDataEncodingTests {
    @Test(
        "a leading dot is doubled and every line ends in CRLF",
        arguments: [
            ("a\r\nb", "a\r\nb\r\n.\r\n"),
            (".a\r\n..b\r\n", "..a\r\n...b\r\n.\r\n"),
            ("x\n.\ny", "x\r\n..\r\ny\r\n.\r\n"),
            ("x\r.y\r\n", "x\r\n..y\r\n.\r\n"),
            ("", ".\r\n"),
            ("a.b\r\n", "a.b\r\n.\r\n"),
        ])
    func stuffing(input: String, expected: String) {
        #expect(String(decoding: SMTPDataEncoding.stuffed(Array(input.utf8)), as: UTF8.self) == expected)
    }
}

@Suite("SMTP capabilities from an EHLO reply")
struct SMTPCapabilitiesTests {
    @Test("keywords are upper-cased, parameters kept, the greeting line skipped")
    func parsing() {
        let reply = SMTPReply(
            code: 250, lines: ["sink.example Hello", "SIZE 33554432", "auth login PLAIN", "STARTTLS"])
        let capabilities = SMTPCapabilities(ehlo: reply)
        #expect(capabilities.supports("STARTTLS"))
        #expect(capabilities.supports("SIZE"))
        #expect(!capabilities.supports("SINK.EXAMPLE"))
        #expect(capabilities.authMechanisms == ["LOGIN", "PLAIN"])
    }
}
