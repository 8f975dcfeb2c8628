import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryAPI {
    /// A request with an explicit bearer secret (an agent's credential), or none.
    func send(_ method: HTTPRequest.Method, _ uri: String, bearer: String?, body: Data? = nil,
              headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers = extra
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await client.execute(uri: uri, method: method, headers: headers,
                                        body: body.map { ByteBuffer(bytes: $0) })
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, bearer: String?, json: some Encodable) async throws
        -> TestResponse
    {
        try await send(method, uri, bearer: bearer, body: try JSONEncoder().encode(json))
    }

    /// Posts a batch as the agent holding `secret`.
    func ingest(_ observations: [Observation], as secret: String) async throws -> TestResponse {
        try await send(.post, "/api/v1/agent/observations", bearer: secret,
                       json: ObservationBatch(observations: observations))
    }
}

/// Observations as an agent at the 红塔区 hub sends them, on the fixture's link HT-AGG-01 GigabitEthernet0/0/1.
enum Sample {
    static let device = RegistryFixture.device(ofHub: "HT")
    static let port = RegistryFixture.samplePort

    static func time(_ offset: TimeInterval, from start: Date = Date(timeIntervalSince1970: 1_795_000_000)) -> String {
        start.addingTimeInterval(offset).formatted(.iso8601)
    }

    /// The same instant as the store writes times: milliseconds and `Z`.
    static func stored(_ offset: TimeInterval, from start: Date = Date(timeIntervalSince1970: 1_795_000_000)) -> String {
        start.addingTimeInterval(offset).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func linkSample(_ key: String, link: Int64?, health: String = "up", at: String = time(0),
                           device: String = device, inBits: Double = 12_000_000) -> Observation {
        Observation(key: key, kind: .linkSample, observedAt: at,
                    linkSample: LinkSampleObservation(device: device, ifName: port, linkId: link, health: health,
                                                      inBitsPerSecond: inBits, outBitsPerSecond: 3_000_000,
                                                      inUtilisation: 0.12, outUtilisation: 0.03,
                                                      errorsAndDiscardsPerSecond: 0))
    }

    static func healthChange(_ key: String, link: Int64?, from: String = "up", to: String = "down",
                             at: String = time(0)) -> Observation {
        Observation(key: key, kind: .healthChange, observedAt: at,
                    healthChange: HealthChangeObservation(device: device, ifName: port, linkId: link, from: from, to: to,
                                                          reason: "ifOperStatus down"))
    }

    /// A libpcap file header with no packets: the smallest real capture.
    static let emptyPcap = Data([0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0])

    static func alert(_ key: String, link: Int64?, state: String = "open", at: String = time(0),
                      evidence: Data? = emptyPcap, kind: String = "port_scan",
                      attacker: String = "10.1.2.77", targets: [String] = ["10.53.0.1"]) -> Observation {
        Observation(key: key, kind: .alert, observedAt: at,
                    alert: AlertObservation(alertId: "\(kind)-\(attacker)", state: state, kind: kind,
                                            attacker: attacker, unitId: nil, linkId: link.map(String.init),
                                            spoofedSource: false, targetCount: 120, targetsSample: targets,
                                            ports: [22, 445], firstSeen: time(-60), lastSeen: at, packets: 400,
                                            bytes: 24_000, packetsPerSecond: 6.7,
                                            evidencePcapBase64: evidence?.base64EncodedString()))
    }

    static func trap(_ key: String, at: String = time(0)) -> Observation {
        Observation(key: key, kind: .trap, observedAt: at,
                    trap: TrapObservation(device: device, trap: "linkDown", ifIndex: 3, ifName: port))
    }

    static func heartbeat(_ key: String, at: String = time(0), outbox: Int = 7, dropped: Int = 2) -> Observation {
        Observation(key: key, kind: .heartbeat, observedAt: at,
                    heartbeat: HeartbeatObservation(version: "0.1.0", uptimeSeconds: 3600, assignmentVersion: "a1-x",
                                                    outboxDepth: outbox, droppedSamples: dropped, pollsCompleted: 120,
                                                    devicesUnreachable: 0, capturePackets: 1000, captureDrops: 0))
    }
}
