import Foundation
import Testing
import WaiwangTestSupport

@testable import WaiwangDelivery

@Suite("Mail rendering, read back by Python's email package")
struct MailRenderingTests {
    private func rendered() throws -> (MailMessage, [UInt8], DecodedMail) {
        let message = try Fixtures.message(
            to: [
                try MailAddress("sjj@city.example.gov.cn", name: "市数据局"), try MailAddress("duty@city.example.gov.cn"),
            ],
            cc: [try MailAddress("wxb@cac.example.gov.cn", name: "市网信办 \"值班\"")],
            bcc: [try MailAddress("archive@waiwang.example.gov.cn")])
        let bytes = try message.rendered(boundary: "=_waiwang_test", timeZone: Fixtures.shanghai)
        return (message, bytes, try DecodedMail.parse(bytes))
    }

    @Test("headers, Chinese subject, body and attachment decode back exactly")
    func roundTrip() throws {
        let (_, _, mail) = try rendered()
        #expect(mail.defects.isEmpty)
        #expect(mail.subject == Fixtures.subject)
        #expect(mail.from == [.init(name: "政务外网安全值班室", address: "noc@waiwang.example.gov.cn")])
        #expect(
            mail.to == [
                .init(name: "市数据局", address: "sjj@city.example.gov.cn"),
                .init(name: "", address: "duty@city.example.gov.cn"),
            ])
        #expect(mail.cc == [.init(name: "市网信办 \"值班\"", address: "wxb@cac.example.gov.cn")])
        #expect(!mail.bccHeaderPresent)
        #expect(mail.messageId == "<inc-0001.report-1@waiwang.example.gov.cn>")
        #expect(mail.mimeVersion == "1.0")
        #expect(mail.contentType == "multipart/mixed")
        #expect(mail.body?.replacingOccurrences(of: "\r\n", with: "\n") == Fixtures.body + "\n")
        #expect(mail.attachments.count == 1)
        #expect(mail.attachments.first?.filename == "事件报告-2026-11-27-某某县教育局-端口扫描-较大.md")
        #expect(mail.attachments.first?.contentType == "text/markdown")
        #expect(mail.attachments.first?.text == Fixtures.report)
    }

    @Test("CRLF everywhere, 7-bit, lines within 76 columns, date in the given zone")
    func wireForm() throws {
        let (_, bytes, mail) = try rendered()
        #expect(!mail.bareLf)
        #expect(mail.maxLineLength <= 76)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(mail.date == "Fri, 27 Nov 2026 12:42:25 +0800")
        #expect(mail.dateParsed == "2026-11-27T12:42:25+08:00")
    }

    @Test("golden header block")
    func goldenHeaders() throws {
        let message = MailMessage(
            from: try MailAddress("noc@waiwang.example.gov.cn"), to: [try MailAddress("a@b.example", name: "张三")],
            subject: "测试", textBody: "正文", date: Date(timeIntervalSince1970: 0), messageID: "m1@waiwang.example.gov.cn")
        let text = String(decoding: try message.rendered(timeZone: TimeZone(secondsFromGMT: 0)!), as: UTF8.self)
        #expect(
            text == "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"
                + "From: noc@waiwang.example.gov.cn\r\n"
                + "To: =?UTF-8?B?5byg5LiJ?= <a@b.example>\r\n"
                + "Subject: =?UTF-8?B?5rWL6K+V?=\r\n"
                + "Message-ID: <m1@waiwang.example.gov.cn>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Auto-Submitted: auto-generated\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + "5q2j5paHDQo=\r\n")
    }

    @Test("encoded-words stay within 75 characters and never split a character", arguments: [1, 7, 40, 200])
    func encodedWords(length: Int) throws {
        let text = String(repeating: "网信办🙂a", count: length)
        let words = EncodedWord.encode(text, firstLimit: 60, limit: 75)
        var decoded = ""
        for (index, word) in words.enumerated() {
            #expect(word.count <= (index == 0 ? 60 : 75))
            let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            let bytes = try #require(Data(base64Encoded: String(base64)))
            decoded += try #require(String(data: bytes, encoding: .utf8))
        }
        #expect(decoded == text)
    }

    @Test(
        "RFC 5322 dates",
        arguments: [
            (0.0, 0, "Thu, 01 Jan 1970 00:00:00 +0000"),
            (951_825_600.0, 28_800, "Tue, 29 Feb 2000 20:00:00 +0800"),
            (1_767_225_599.0, -18_000, "Wed, 31 Dec 2025 18:59:59 -0500"),
            (-86_400.0, 0, "Wed, 31 Dec 1969 00:00:00 +0000"),
            (1_798_761_600.0, 19_800, "Fri, 01 Jan 2027 05:30:00 +0530"),
        ])
    func dates(seconds: Double, offset: Int, expected: String) {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: seconds), utcOffsetSeconds: offset) == expected)
    }

    @Test(
        "addresses that could inject headers or are not addr-specs are refused",
        arguments: [
            "a@b\r\nBcc: x@y", "no-at-sign", "a@@b", "@b", "a@", "a b@c", "张@b.cn", "<a@b>",
        ])
    func badAddresses(address: String) {
        #expect(throws: MailMessageError.self) { try MailAddress(address) }
    }

    @Test("a message without To or Cc is refused")
    func noRecipients() throws {
        let message = MailMessage(
            from: try MailAddress("a@b.example"), to: [], bcc: [try MailAddress("c@d.example")], subject: "x",
            textBody: "y")
        #expect(throws: MailMessageError.self) { try message.rendered() }
    }

    @Test("a long plain-ASCII subject folds at spaces")
    func asciiSubject() throws {
        let subject = (1...30).map { "word\($0)" }.joined(separator: " ")
        let message = MailMessage(
            from: try MailAddress("a@b.example"), to: [try MailAddress("c@d.example")], subject: subject, textBody: "")
        let mail = try DecodedMail.parse(try message.rendered())
        #expect(mail.subject == subject)
        #expect(mail.maxLineLength <= 76)
    }
}

@Suite("Mail rendering refuses what could break the message")
struct MailRenderingGuardTests {
    @Test(
        "an attachment media type with a line break or no subtype is refused",
        arguments: ["text/plain\r\nX-Evil: 1", "text", "text/"])
    func badMediaType(contentType: String) throws {
        let message = MailMessage(
            from: try MailAddress("a@b.example"), to: [try MailAddress("c@d.example")], subject: "x", textBody: "y",
            attachments: [MailAttachment(filename: "r.md", contentType: contentType, text: "z")])
        #expect(throws: MailMessageError.self) { try message.rendered() }
    }

    @Test("a short ASCII file name is a plain quoted parameter")
    func plainFilename() throws {
        let message = MailMessage(
            from: try MailAddress("a@b.example"), to: [try MailAddress("c@d.example")], subject: "x", textBody: "y",
            attachments: [MailAttachment(filename: "report.html", contentType: "text/html", text: "<p>z</p>")])
        let text = String(decoding: try message.rendered(), as: UTF8.self)
        #expect(text.contains("Content-Disposition: attachment; filename=\"report.html\"\r\n"))
        #expect(try DecodedMail.parse(try message.rendered()).attachments.first?.filename == "report.html")
    }
}
