/// A page of a list endpoint.
public struct Page<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }
}

/// An error as `application/problem+json` (RFC 9457), naming the field and the rule broken.
public struct Problem: Codable, Sendable, Equatable, Error, CustomStringConvertible {
    /// One bad row or field among several.
    public struct Item: Codable, Sendable, Equatable {
        /// The CSV line number (1 is the header), when the problem is in an import.
        public var line: Int?
        public var field: String?
        public var rule: String?
        public var message: String

        public init(line: Int? = nil, field: String? = nil, rule: String? = nil, message: String) {
            self.line = line
            self.field = field
            self.rule = rule
            self.message = message
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var field: String?
    public var rule: String?
    public var errors: [Item]?

    public init(
        type: String = "about:blank", title: String, status: Int, detail: String, field: String? = nil,
        rule: String? = nil, errors: [Item]? = nil
    ) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.field = field
        self.rule = rule
        self.errors = errors
    }

    public var description: String {
        var text = detail
        if let field { text = "\(field): " + text }
        if let rule { text += " [\(rule)]" }
        for item in errors ?? [] {
            var line = "\n  "
            if let number = item.line { line += "line \(number): " }
            if let field = item.field { line += "\(field): " }
            line += item.message
            text += line
        }
        return text
    }
}

/// What an import did, or on `dryRun` would do.
public struct ImportReport: Codable, Sendable, Equatable {
    public var kind: String
    public var dryRun: Bool
    /// Data rows read (the header not counted).
    public var rows: Int
    /// Records created (zero on a dry run or when any row was bad).
    public var created: Int
    public var errors: [Problem.Item]

    public init(kind: String, dryRun: Bool, rows: Int, created: Int, errors: [Problem.Item]) {
        self.kind = kind
        self.dryRun = dryRun
        self.rows = rows
        self.created = created
        self.errors = errors
    }
}

/// The registry's answer to `GET /healthz`.
public struct HealthView: Codable, Sendable, Equatable {
    public var status: String
    public var version: String
    public var units: Int

    public init(status: String, version: String, units: Int) {
        self.status = status
        self.version = version
        self.units = units
    }
}
