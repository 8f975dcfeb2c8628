import Foundation

/// The real webhook receiver of the tests (scripts/webhook-sink.py): checks signatures, can fail the first calls.
final class WebhookSink: Sendable {
    struct Call: Decodable {
        let call: Int
        let status: Int
        let verified: Bool
        let idempotencyKey: String?
        let duplicate: Bool
        let event: String?
        let body: String
    }

    let url: String
    private let log: URL
    private let process: SinkProcess

    init(secret: String, failFirst: Int = 0, failAlways: Bool = false, failStatus: Int = 500) throws {
        log = try temporaryDirectory("webhook").appendingPathComponent("calls.jsonl")
        var arguments = [
            "scripts/webhook-sink.py", "--secret", secret, "--log", log.path, "--fail-first", "\(failFirst)",
            "--fail-status", "\(failStatus)", "--stop-on-stdin-eof",
        ]
        if failAlways { arguments.append("--fail-always") }
        process = try SinkProcess("/usr/bin/python3", arguments)
        url = "http://127.0.0.1:\(process.port)/hooks/waiwang"
    }

    func calls() throws -> [Call] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try snakeCaseDecoder.decode(Call.self, from: Data($0.utf8)) }
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: log.deletingLastPathComponent())
    }
}
