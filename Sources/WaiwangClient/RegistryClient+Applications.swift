import Foundation
import WaiwangAPI

/// Filters and paging of `GET /api/v1/applications`.
public struct ApplicationQuery: Sendable, Equatable {
    public var state: String?
    public var kind: String?
    /// Division code (a county token sees its own division only, whatever is asked).
    public var division: String?
    /// Only applications past their review or provisioning deadline (article 19).
    public var overdueOnly: Bool
    public var limit: Int?
    public var offset: Int?

    public init(
        state: String? = nil, kind: String? = nil, division: String? = nil, overdueOnly: Bool = false,
        limit: Int? = nil, offset: Int? = nil
    ) {
        self.state = state
        self.kind = kind
        self.division = division
        self.overdueOnly = overdueOnly
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryClient {
    public func applications(_ query: ApplicationQuery = ApplicationQuery()) async throws -> Page<ApplicationView> {
        try await call(
            .GET, "/api/v1/applications",
            query: [
                ("state", query.state), ("kind", query.kind), ("division", query.division),
                ("overdue", query.overdueOnly ? "true" : nil), ("limit", query.limit.map(String.init)),
                ("offset", query.offset.map(String.init)),
            ])
    }

    /// One application with its attachments, deadline, history, notifications and rejection reasons.
    public func application(_ id: Int64) async throws -> ApplicationView {
        try await call(.GET, "/api/v1/applications/\(id)")
    }

    /// Files a new application as a draft; nothing is checked against article 18 until it is submitted.
    public func createApplication(_ application: ApplicationCreate) async throws -> ApplicationView {
        try await call(.POST, "/api/v1/applications", body: json(application))
    }

    /// Replaces the fields given in a draft's form; the others stay.
    public func updateApplication(_ id: Int64, _ form: ApplicationForm) async throws -> ApplicationView {
        try await call(.PATCH, "/api/v1/applications/\(id)", body: json(form))
    }

    /// Attaches a file as it is: `kind` is `form` or `commitment-letter`; the registry checks the bytes are
    /// the PDF, PNG or JPEG that `mediaType` says, at most 10 MiB.
    public func uploadAttachment(
        application id: Int64, kind: String, filename: String, data: Data, mediaType: String
    ) async throws -> AttachmentView {
        try await call(
            .POST, "/api/v1/applications/\(id)/attachments", query: [("kind", kind), ("filename", filename)],
            body: .file(data, mediaType: mediaType))
    }

    /// Submits a draft; refused with the missing fields, or by article 18 when an attachment is missing.
    public func submitApplication(_ id: Int64) async throws -> ApplicationView {
        try await step(id, "submit")
    }

    /// Takes a submitted application under review.
    public func reviewApplication(_ id: Int64) async throws -> ApplicationView {
        try await step(id, "review")
    }

    /// Approves an application under review; the unit, link and prefixes then appear in the registry.
    public func approveApplication(_ id: Int64, _ approval: ApprovalInput = ApprovalInput()) async throws
        -> ApplicationView
    {
        try await step(id, "approve", body: json(approval))
    }

    /// Rejects an application under review; `note` carries the reasons the applicant is told (article 19).
    public func rejectApplication(_ id: Int64, _ reasons: ApplicationNote) async throws -> ApplicationView {
        try await step(id, "reject", body: json(reasons))
    }

    /// Starts provisioning an approved application (the carrier has been told).
    public func provisionApplication(_ id: Int64, _ note: ApplicationNote = ApplicationNote()) async throws
        -> ApplicationView
    {
        try await step(id, "provision", body: json(note))
    }

    /// Completes provisioning: the access is active, or for a withdrawal the unit has left.
    public func completeApplication(_ id: Int64, _ note: ApplicationNote = ApplicationNote()) async throws
        -> ApplicationView
    {
        try await step(id, "complete", body: json(note))
    }

    /// The applicant takes back a draft, submitted or under-review application.
    public func withdrawApplication(_ id: Int64, _ note: ApplicationNote = ApplicationNote()) async throws
        -> ApplicationView
    {
        try await step(id, "withdraw", body: json(note))
    }

    /// `POST /api/v1/applications/{id}/{action}`: one step of the workflow.
    private func step(_ id: Int64, _ action: String, body: RequestBody = .none) async throws -> ApplicationView {
        try await call(.POST, "/api/v1/applications/\(id)/\(action)", body: body)
    }
}

/// The media types the registry accepts for an application's attachments, and the file extensions naming them.
public enum AttachmentMediaType: String, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"

    /// The largest attachment the registry accepts.
    public static let maxBytes = 10 << 20

    /// The type a file name's extension stands for (.pdf, .png, .jpg, .jpeg in any case), or nil for any other.
    public init?(filename: String) {
        let name = filename.lowercased()
        guard let type = Self.allCases.first(where: { type in type.extensions.contains { name.hasSuffix("." + $0) } })
        else { return nil }
        self = type
    }

    /// The file extensions of this type, without the dot.
    public var extensions: [String] {
        switch self {
        case .pdf: ["pdf"]
        case .png: ["png"]
        case .jpeg: ["jpg", "jpeg"]
        }
    }
}
