import WaiwangCore

/// The fields of the access application/change form (接入申请/变更表). Which are required depends on the kind
/// and is checked at submission, so a draft can be filled in several sittings.
public struct ApplicationForm: Codable, Sendable, Equatable {
    /// The unit concerned, by id or credit code (change and withdrawal).
    public var unit: String?
    public var unitName: String?
    public var creditCode: String?
    public var level: String?
    public var divisionCode: String?
    public var officeAddress: String?
    public var contactName: String?
    public var contactPhone: String?
    /// 申请理由及依据.
    public var reason: String?
    /// 承载业务: the business the access serves.
    public var business: String?
    /// 安全防护措施: the unit's protective measures.
    public var protectiveMeasures: String?
    public var linkKind: String?
    public var carrier: String?
    public var bandwidthMbps: Int?
    /// Prefixes requested (CIDR).
    public var prefixes: [String]?
    /// Prefixes to give up (change only).
    public var removePrefixes: [String]?

    public init(
        unit: String? = nil, unitName: String? = nil, creditCode: String? = nil, level: String? = nil,
        divisionCode: String? = nil, officeAddress: String? = nil, contactName: String? = nil,
        contactPhone: String? = nil, reason: String? = nil, business: String? = nil,
        protectiveMeasures: String? = nil, linkKind: String? = nil, carrier: String? = nil,
        bandwidthMbps: Int? = nil, prefixes: [String]? = nil, removePrefixes: [String]? = nil
    ) {
        self.unit = unit
        self.unitName = unitName
        self.creditCode = creditCode
        self.level = level
        self.divisionCode = divisionCode
        self.officeAddress = officeAddress
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.reason = reason
        self.business = business
        self.protectiveMeasures = protectiveMeasures
        self.linkKind = linkKind
        self.carrier = carrier
        self.bandwidthMbps = bandwidthMbps
        self.prefixes = prefixes
        self.removePrefixes = removePrefixes
    }
}

/// The body of `POST /api/v1/applications`: a new draft.
public struct ApplicationCreate: Codable, Sendable, Equatable {
    public var kind: String
    public var form: ApplicationForm

    public init(kind: String, form: ApplicationForm) {
        self.kind = kind
        self.form = form
    }
}

/// The body of `POST /api/v1/applications/{id}/approve`: where the new link lands, when one is needed.
public struct ApprovalInput: Codable, Sendable, Equatable {
    /// Hub device and port (ifName) of a new link; not needed when the unit joins the link already at its address.
    public var hubDevice: String?
    public var port: String?
    public var note: String?

    public init(hubDevice: String? = nil, port: String? = nil, note: String? = nil) {
        self.hubDevice = hubDevice
        self.port = port
        self.note = note
    }
}

/// The body of reject, withdraw and provision: reasons or a note.
public struct ApplicationNote: Codable, Sendable, Equatable {
    public var note: String?

    public init(note: String? = nil) { self.note = note }
}

/// A file attached to an application; the bytes live under the data directory, named by their SHA-256.
public struct AttachmentView: Codable, Sendable, Equatable {
    public var id: Int64
    /// `form` (the scanned application form) or `commitment-letter` (the signed security commitment letter).
    public var kind: String
    public var filename: String
    public var mediaType: String
    public var size: Int
    public var sha256: String
    public var uploadedBy: String
    public var uploadedAt: String

    public init(
        id: Int64, kind: String, filename: String, mediaType: String, size: Int, sha256: String,
        uploadedBy: String, uploadedAt: String
    ) {
        self.id = id
        self.kind = kind
        self.filename = filename
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }
}

/// One transition of an application: who took which step when, from and to which state.
public struct ApplicationEventView: Codable, Sendable, Equatable {
    public var at: String
    public var actor: String
    public var action: String
    public var from: String
    public var to: String
    public var note: String

    public init(at: String, actor: String, action: String, from: String, to: String, note: String) {
        self.at = at
        self.actor = actor
        self.action = action
        self.from = from
        self.to = to
        self.note = note
    }
}

/// A message the workflow owes someone (the applicant, the carrier), with where it goes.
public struct NotificationView: Codable, Sendable, Equatable {
    public var at: String
    /// `applicant` or `carrier`.
    public var recipient: String
    /// The contact it goes to: the applicant's phone, the carrier's name.
    public var address: String
    public var subject: String
    public var body: String

    public init(at: String, recipient: String, address: String, subject: String, body: String) {
        self.at = at
        self.recipient = recipient
        self.address = address
        self.subject = subject
        self.body = body
    }
}

/// The deadline an open application runs against (article 19), in working days of the calendar.
public struct DeadlineView: Codable, Sendable, Equatable {
    /// `review` (5 working days from submission) or `provisioning` (after approval).
    public var stage: String
    /// The last day, YYYY-MM-DD, or nil when the calendar does not reach it.
    public var due: String?
    /// Working days from today to `due`; negative when overdue.
    public var workingDaysLeft: Int?
    public var overdue: Bool
    /// Why `due` is unknown (the calendar lacks a year), when it is.
    public var problem: String?

    public init(stage: String, due: String?, workingDaysLeft: Int?, overdue: Bool, problem: String? = nil) {
        self.stage = stage
        self.due = due
        self.workingDaysLeft = workingDaysLeft
        self.overdue = overdue
        self.problem = problem
    }
}

/// An application as the API returns it, with its attachments, deadline, history and notifications.
public struct ApplicationView: Codable, Sendable, Equatable {
    public var id: Int64
    /// The filing number people quote, e.g. SQ530402-2026-0007.
    public var number: String
    public var kind: ApplicationKind
    public var state: ApplicationState
    /// The division of the authority it is filed with (article 18/16).
    public var divisionCode: String
    public var unit: UnitRef?
    public var form: ApplicationForm
    public var attachments: [AttachmentView]
    public var createdBy: String
    public var createdAt: String
    public var submittedAt: String?
    public var decidedAt: String?
    public var rejectionReasons: String?
    public var deadline: DeadlineView?
    public var history: [ApplicationEventView]
    public var notifications: [NotificationView]

    public init(
        id: Int64, number: String, kind: ApplicationKind, state: ApplicationState, divisionCode: String,
        unit: UnitRef?, form: ApplicationForm, attachments: [AttachmentView], createdBy: String,
        createdAt: String, submittedAt: String?, decidedAt: String?, rejectionReasons: String?,
        deadline: DeadlineView?, history: [ApplicationEventView], notifications: [NotificationView]
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.state = state
        self.divisionCode = divisionCode
        self.unit = unit
        self.form = form
        self.attachments = attachments
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
        self.rejectionReasons = rejectionReasons
        self.deadline = deadline
        self.history = history
        self.notifications = notifications
    }
}

/// The answer of the calendar endpoint: the N-th working day after a date.
public struct WorkingDayDeadline: Codable, Sendable, Equatable {
    public var from: String
    public var workingDays: Int
    public var due: String
    public var divisionCode: String?

    public init(from: String, workingDays: Int, due: String, divisionCode: String?) {
        self.from = from
        self.workingDays = workingDays
        self.due = due
        self.divisionCode = divisionCode
    }
}
