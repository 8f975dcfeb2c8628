import Foundation
import GRDB
import WaiwangCore

/// How incidents and orders are kept: their Codable values as JSON beside indexed columns, their ids
/// (`INC-2026-000001`, `ORD-2026-000001`: the China-time year and a serial that never repeats) and times.
enum IncidentCodec {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()

    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try decoder.decode(T.self, from: Data(text.utf8))
    }

    /// RFC 3339 (UTC, milliseconds) of an instant.
    static func time(_ instant: Instant) -> String {
        RFC3339.string(milliseconds: Int64(instant.secondsSince1970) * 1000)
    }

    /// The instant of an RFC 3339 text (whole seconds), nil when it is not one.
    static func instant(_ text: String) -> Instant? {
        RFC3339.milliseconds(text).map { Instant(secondsSince1970: Int($0 / 1000)) }
    }

    static func instant(_ date: Date) -> Instant {
        Instant(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// `unit:12`, `link:3`, `hub:HT`: the indexed form of an incident's subject.
    static func subjectKey(_ subject: IncidentSubject) -> String {
        switch subject {
        case .unit(let unit): "unit:\(unit)"
        case .link(let link, _): "link:\(link)"
        case .hub(let hub): "hub:\(hub)"
        }
    }

    /// The next id of `table` (`incident` or `isolationOrder`) with `prefix`, in the China-time year of `at`.
    static func nextId(table: String, prefix: String, at: Instant, in db: Database) throws -> (String, Int64) {
        let serial = (try Int64.fetchOne(db, sql: "SELECT MAX(serial) FROM \(table)") ?? 0) + 1
        let digits = String(serial)
        let padded = String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        return ("\(prefix)-\(at.chinaDate.year)-\(padded)", serial)
    }

    /// The English code of a timeline event, as the API lists it.
    static func eventCode(_ event: TimelineEvent) -> String {
        switch event {
        case .opened: "opened"
        case .alertJoined: "alert-joined"
        case .graded: "graded"
        case .gradeOverridden: "grade-overridden"
        case .order(_, let state, _): "order-\(state.rawValue)"
        case .port: "port"
        case .escalation: "escalation"
        case .note: "note"
        }
    }
}
