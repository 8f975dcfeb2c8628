import Foundation

/// The real webhook receiver of the tests (scripts/webhook-sink.py): checks signatures, can fail the first calls.
public final class WebhookSink: Sendable {
    /// One call the receiver answered, as it logged it.
    public struct Call: Decodable, Sendable {
        public let call: Int
        public let status: Int
        public let verified: Bool
        public let idempotencyKey: String?
        public let duplicate: Bool
        public let event: String?
        public let body: String
    }

    public let url: String
    private let log: URL
    private let process: SinkProcess

    public init(secret: String, failFirst: Int = 0, failAlways: Bool = false, failStatus: Int = 500) throws {
        log = try temporaryDirectory("webhook").appendingPathComponent("calls.jsonl")
        var arguments = [
            "scripts/webhook-sink.py", "--secret", secret, "--log", log.path, "--fail-first", "\(failFirst)",
            "--fail-status", "\(failStatus)", "--stop-on-stdin-eof",
        ]
        if failAlways { arguments.append("--fail-always") }
        process = try SinkProcess("/usr/bin/python3", arguments)
        url = "http://127.0.0.1:\(process.port)/hooks/waiwang"
    }

    public func calls() throws -> [Call] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try snakeCaseDecoder.decode(Call.self, from: Data($0.utf8)) }
    }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: log.deletingLastPathComponent())
    }
}
