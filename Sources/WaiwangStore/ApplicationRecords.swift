import Foundation
import GRDB
import WaiwangAPI

/// A row of `application`; the form is kept as JSON so a draft can hold anything the form has.
struct ApplicationRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "application"
    var id: Int64?
    var number: String
    var kind: String
    var state: String
    var divisionCode: String
    var unitId: Int64?
    var form: String
    var createdBy: String
    var createdAt: String
    var submittedAt: String?
    /// The civil day (China time) of submission and of approval, for working-day deadlines.
    var submittedDate: String?
    var approvedDate: String?
    var decidedAt: String?
    var rejectionReasons: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `applicationAttachment`.
struct AttachmentRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "applicationAttachment"
    var id: Int64?
    var applicationId: Int64
    var kind: String
    var filename: String
    var mediaType: String
    var size: Int
    var sha256: String
    var uploadedBy: String
    var uploadedAt: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var view: AttachmentView {
        AttachmentView(
            id: id ?? 0, kind: kind, filename: filename, mediaType: mediaType, size: size, sha256: sha256,
            uploadedBy: uploadedBy, uploadedAt: uploadedAt)
    }
}

/// A row of `applicationEvent`: one transition.
struct ApplicationEventRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "applicationEvent"
    var applicationId: Int64
    var at: String
    var actor: String
    var action: String
    var fromState: String
    var toState: String
    var note: String

    var view: ApplicationEventView {
        ApplicationEventView(at: at, actor: actor, action: action, from: fromState, to: toState, note: note)
    }
}

/// A row of `notification`: a message the workflow owes the applicant or the carrier.
struct NotificationRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "notification"
    var applicationId: Int64
    var at: String
    var recipient: String
    var address: String
    var subject: String
    var body: String

    var view: NotificationView {
        NotificationView(at: at, recipient: recipient, address: address, subject: subject, body: body)
    }
}
