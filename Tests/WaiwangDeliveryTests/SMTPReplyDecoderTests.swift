import NIOCore
import NIOEmbedded
import Testing

@testable import WaiwangDelivery

@Suite("SMTP reply framing")
struct SMTPReplyDecoderTests {
    private func decode(_ chunks: [String]) throws -> [SMTPReply] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        for chunk in chunks {
            try channel.writeInbound(channel.allocator.buffer(string: chunk))
        }
        var replies: [SMTPReply] = []
        while let reply = try channel.readInbound(as: SMTPReply.self) { replies.append(reply) }
        _ = try channel.finish()
        return replies
    }

    @Test("a multi-line reply split across reads is one reply; CRLF is not part of the text")
    func multiLine() throws {
        let replies = try decode(["250-sink.example Hello\r\n250-SIZE 1000\r", "\n250 STARTTLS\r\n220 ready\r\n"])
        #expect(
            replies == [
                SMTPReply(code: 250, lines: ["sink.example Hello", "SIZE 1000", "STARTTLS"]),
                SMTPReply(code: 220, lines: ["ready"]),
            ])
    }

    @Test("a bare code with no text is a reply")
    func bareCode() throws {
        #expect(try decode(["354\r\n"]) == [SMTPReply(code: 354, lines: [""])])
    }

    @Test(
        "what is not SMTP is a protocol violation",
        arguments: ["HTTP/1.1 400 Bad\r\n", "250-a\r\n251 b\r\n", "25\r\n", "250xok\r\n"])
    func violations(input: String) {
        #expect(throws: SMTPError.self) { try decode([input]) }
    }
}
