import WaiwangAPI
import WaiwangCore

/// A string enum whose cases the OpenAPI document lists.
protocol SchemaEnum {
    static var schemaValues: [String] { get }
}

extension UnitLevel: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension UnitState: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension LinkKind: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension DivisionLevel: SchemaEnum { static var schemaValues: [String] { ["city", "county"] } }
extension ApplicationKind: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension ApplicationState: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }

/// Derives JSON schemas from example values of the wire types, so the document follows the code.
enum SchemaReflector {
    /// Example values of every wire type, with every optional filled so its type can be seen.
    static let examples: [(String, any Sendable)] = {
        let unit = UnitRef(id: 1, name: "玉溪市红塔区人民政府办公室", creditCode: "11530402MB0000000X", divisionCode: "530402")
        let link = LinkView(
            id: 1, kind: .vpdn, carrier: "中国电信", bandwidthMbps: 100, hubCode: "HT", hubName: "红塔区汇聚节点",
            hubDevice: "HT-AGG-01", port: "GigabitEthernet1/0/1", backup: false, note: "",
            normalizedAddress: "红塔区玉兴路1号", units: [unit])
        let form = ApplicationForm(
            unit: "", unitName: "", creditCode: "", level: "", divisionCode: "", officeAddress: "",
            contactName: "", contactPhone: "", reason: "", business: "", protectiveMeasures: "",
            linkKind: "", carrier: "", bandwidthMbps: 1, prefixes: [""], removePrefixes: [""])
        let attachment = AttachmentView(
            id: 1, kind: "form", filename: "", mediaType: "application/pdf", size: 1,
            sha256: "", uploadedBy: "", uploadedAt: "")
        let event = ApplicationEventView(at: "", actor: "", action: "submit", from: "draft", to: "submitted", note: "")
        let notification = NotificationView(at: "", recipient: "applicant", address: "", subject: "", body: "")
        let deadline = DeadlineView(stage: "review", due: "2026-12-04", workingDaysLeft: 3, overdue: false, problem: "")
        return [
            (
                "UnitCreate",
                UnitCreate(
                    name: "", creditCode: "", level: "county", divisionCode: "530402", officeAddress: "",
                    contactName: "", contactPhone: "", commitmentLetterOnFile: true, state: "active")
            ),
            (
                "UnitUpdate",
                UnitUpdate(
                    name: "", level: "", divisionCode: "", officeAddress: "", contactName: "",
                    contactPhone: "", commitmentLetterOnFile: true, state: "")
            ),
            ("UnitRef", unit),
            (
                "UnitView",
                UnitView(
                    id: 1, name: "", creditCode: "", level: .county, divisionCode: "", divisionName: "",
                    officeAddress: "", normalizedAddress: "", contactName: "", contactPhone: "",
                    commitmentLetterOnFile: true, state: .active, linkIds: [1], prefixes: [""],
                    coLocatedUnits: [unit], createdAt: "", updatedAt: "")
            ),
            (
                "LinkCreate",
                LinkCreate(
                    kind: "vpdn", carrier: "", bandwidthMbps: 100, hubDevice: "", port: "", units: [""],
                    backup: false, note: "")
            ),
            (
                "LinkUpdate",
                LinkUpdate(
                    kind: "", carrier: "", bandwidthMbps: 1, hubDevice: "", port: "", units: [""],
                    backup: false, note: "")
            ),
            ("LinkView", link),
            ("PrefixCreate", PrefixCreate(unit: "", cidr: "10.1.2.0/24", description: "")),
            ("PrefixView", PrefixView(id: 1, cidr: "", family: "v4", unit: unit, description: "")),
            ("AttributionView", AttributionView(address: "", prefix: "", unit: unit, links: [link])),
            (
                "DivisionView",
                DivisionView(code: "", name: "", level: .county, parentCode: "530400", hubCode: "", hubName: "")
            ),
            ("DeviceCreate", DeviceCreate(hub: "", name: "", snmpAddress: "udp:10.0.0.1:161", credential: "")),
            ("DeviceView", DeviceView(id: 1, hubCode: "", name: "", snmpAddress: "", credential: "", linkCount: 0)),
            (
                "CredentialCreate",
                CredentialCreate(
                    name: "", version: "v3", community: "", user: "", authProtocol: "SHA",
                    authPassphrase: "", privProtocol: "AES", privPassphrase: "")
            ),
            ("CredentialView", CredentialView(name: "", version: "", user: "", authProtocol: "", privProtocol: "")),
            (
                "AuditEntryView",
                AuditEntryView(
                    seq: 1, at: "", actor: "", action: "", entity: "", entityId: "", before: "",
                    after: "", prevHash: "", hash: "")
            ),
            ("ProblemItem", Problem.Item(line: 2, field: "", rule: "", message: "")),
            (
                "Problem",
                Problem(title: "", status: 400, detail: "", field: "", rule: "", errors: [Problem.Item(message: "")])
            ),
            (
                "ImportReport",
                ImportReport(kind: "", dryRun: false, rows: 0, created: 0, errors: [Problem.Item(message: "")])
            ),
            ("HealthView", HealthView(status: "ok", version: "", units: 0)),
            ("ApplicationForm", form),
            ("ApplicationCreate", ApplicationCreate(kind: "new-access", form: form)),
            ("ApprovalInput", ApprovalInput(hubDevice: "", port: "", note: "")),
            ("ApplicationNote", ApplicationNote(note: "")),
            ("AttachmentView", attachment),
            ("ApplicationEventView", event),
            ("NotificationView", notification),
            ("DeadlineView", deadline),
            (
                "ApplicationView",
                ApplicationView(
                    id: 1, number: "", kind: .newAccess, state: .draft, divisionCode: "",
                    unit: unit, form: form, attachments: [attachment], createdBy: "",
                    createdAt: "", submittedAt: "", decidedAt: "", rejectionReasons: "",
                    deadline: deadline, history: [event], notifications: [notification])
            ),
            ("WorkingDayDeadline", WorkingDayDeadline(from: "", workingDays: 5, due: "", divisionCode: "")),
        ] + agentExamples() + deliveryExamples() + incidentExamples()
    }()

    /// The schema of a value; a struct that is itself a component is referred to, except the one being expanded.
    static func schema(of value: Any, expanding: Any.Type? = nil) -> JSONValue {
        switch value {
        case is String: return .object([("type", .string("string"))])
        case is Int, is Int64, is Int32: return .object([("type", .string("integer"))])
        case is Double: return .object([("type", .string("number"))])
        case is Bool: return .object([("type", .string("boolean"))])
        default: break
        }
        if let enumValue = value as? any SchemaEnum {
            return .object([
                ("type", .string("string")),
                ("enum", .array(type(of: enumValue).schemaValues.map(JSONValue.string))),
            ])
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection:
            let items = mirror.children.first.map { schema(of: $0.value) } ?? .object([])
            return .object([("type", .string("array")), ("items", items)])
        case .optional:
            return mirror.children.first.map { schema(of: $0.value) } ?? .object([])
        case .struct:
            if let name = examples.first(where: { type(of: $0.1) == type(of: value) })?.0, expanding != type(of: value)
            {
                return .object([("$ref", .string("#/components/schemas/\(name)"))])
            }
            var properties: [(String, JSONValue)] = []
            var required: [JSONValue] = []
            for child in mirror.children {
                guard let label = child.label else { continue }
                properties.append((label, schema(of: child.value)))
                if Mirror(reflecting: child.value).displayStyle != .optional { required.append(.string(label)) }
            }
            return .object([
                ("type", .string("object")), ("properties", .object(properties)), ("required", .array(required)),
            ])
        default:
            return .object([])
        }
    }

    static func componentSchemas() -> JSONValue {
        .object(examples.map { name, example in (name, schema(of: example, expanding: type(of: example))) })
    }
}
