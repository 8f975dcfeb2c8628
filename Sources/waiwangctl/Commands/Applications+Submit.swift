import ArgumentParser
import Foundation
import WaiwangAPI
import WaiwangClient
import WaiwangCore

extension Applications {
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File an application from flags (or complete a draft with --id), attach its files, submit it.",
            discussion: """
                A new application: --kind and the form's fields; --unit names the unit of a change or withdrawal. \
                Article 18 wants the scanned application form (--form) and, for new access, the signed security \
                commitment letter (--commitment-letter): PDF, PNG or JPEG, at most 10 MiB. --draft saves and \
                attaches without submitting; `submit --id N` later fills in more fields, attaches, and submits.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Submit (and first complete) this draft instead of filing a new application.") var id: Int64?
        @Option(help: "new-access, change or withdrawal (or 新接入, 变更, 退网).") var kind: String?
        @Option(help: "The unit changed or withdrawn: id or 统一社会信用代码.") var unit: String?
        @Option(help: "单位名称 (new access).") var unitName: String?
        @Option(help: "统一社会信用代码 (new access).") var creditCode: String?
        @Option(help: "city, county, township, village (or 市级, 县级, 乡镇级, 村级).") var level: String?
        @Option(help: "所属区县: division code or name.") var division: String?
        @Option(help: "办公地址.") var address: String?
        @Option(help: "联系人.") var contact: String?
        @Option(help: "联系电话.") var phone: String?
        @Option(help: "申请理由及依据.") var reason: String?
        @Option(help: "承载业务: the business the access serves.") var business: String?
        @Option(help: "安全防护措施: the unit's protective measures.") var measures: String?
        @Option(help: "vpdn, leased, vpn (or VPDN专线, 数据专线, 互联网VPN).") var linkKind: String?
        @Option(help: "运营商, e.g. 中国电信.") var carrier: String?
        @Option(help: "带宽: 100, 100M, 1G.") var bandwidth: String?
        @Option(help: "A prefix requested, CIDR (repeatable).") var prefix: [String] = []
        @Option(help: "A prefix given up, CIDR (repeatable; change only).") var removePrefix: [String] = []
        @Option(
            name: .customLong("form"),
            help: ArgumentHelp("The scanned application/change form (.pdf, .png, .jpg).", valueName: "file"),
            completion: .file(extensions: ["pdf", "png", "jpg", "jpeg"]))
        var formFile: String?
        @Option(
            name: .customLong("commitment-letter"),
            help: ArgumentHelp(
                "The signed security commitment letter, 安全承诺书 (.pdf, .png, .jpg).", valueName: "file"),
            completion: .file(extensions: ["pdf", "png", "jpg", "jpeg"]))
        var commitmentLetterFile: String?
        @Flag(help: "Save the draft with its attachments and stop before submitting.") var draft = false
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            switch (id, kind) {
            case (nil, nil):
                throw ValidationError(
                    "give --kind new-access|change|withdrawal to file an application, or --id N to submit a draft")
            case (.some, .some):
                throw ValidationError("a draft keeps the kind it was filed with; drop --kind when giving --id")
            case (nil, let kind?):
                _ = try validated { () throws(RegistryError) in try ApplicationKind(parsing: kind) }
            case (.some, nil):
                break
            }
            if let level { _ = try validated { () throws(RegistryError) in try UnitLevel(parsing: level) } }
            if let linkKind {
                _ = try validated { () throws(RegistryError) in try LinkKind(parsing: linkKind, field: "--link-kind") }
            }
            if let bandwidth {
                _ = try validated { () throws(RegistryError) in
                    try FieldRules.bandwidthMbps(bandwidth, field: "--bandwidth")
                }
            }
            for cidr in prefix + removePrefix {
                do { _ = try IPPrefix.parse(cidr) } catch { throw ValidationError("--prefix \(cidr): \(error)") }
            }
        }

        /// The form's fields given as flags; nil for those not given.
        func fields() throws -> ApplicationForm {
            ApplicationForm(
                unit: unit, unitName: unitName, creditCode: creditCode, level: level, divisionCode: division,
                officeAddress: address, contactName: contact, contactPhone: phone, reason: reason, business: business,
                protectiveMeasures: measures, linkKind: linkKind, carrier: carrier,
                bandwidthMbps: try bandwidth.map { try FieldRules.bandwidthMbps($0) },
                prefixes: prefix.isEmpty ? nil : prefix, removePrefixes: removePrefix.isEmpty ? nil : removePrefix)
        }

        func run() async throws {
            // Every file is read and checked before anything reaches the registry.
            var files: [AttachmentFile] = []
            if let formFile { files.append(try AttachmentFile.read(formFile, kind: .form)) }
            if let commitmentLetterFile {
                files.append(try AttachmentFile.read(commitmentLetterFile, kind: .commitmentLetter))
            }
            let form = try fields()
            let kind = try kind.map { try ApplicationKind(parsing: $0) }
            if let kind, !draft { try Self.requireArticle18Files(kind: kind, files: files) }

            var filed: ApplicationView?
            let application: ApplicationView
            do {
                application = try await global.withClient { client in
                    var application: ApplicationView
                    if let id {
                        application =
                            form == ApplicationForm()
                            ? try await client.application(id) : try await client.updateApplication(id, form)
                    } else {
                        application = try await client.createApplication(
                            ApplicationCreate(kind: kind?.rawValue ?? "", form: form))
                        filed = application
                    }
                    for file in files { _ = try await file.upload(to: application.id, with: client) }
                    if draft {
                        return files.isEmpty ? application : try await client.application(application.id)
                    }
                    application = try await client.submitApplication(application.id)
                    return application
                }
            } catch let exit as ExitCode {
                if let filed {
                    printError(
                        "the draft is kept as application \(filed.id) (\(filed.number)); complete it with "
                            + "`waiwangctl applications submit --id \(filed.id) …`, or drop it with "
                            + "`waiwangctl applications withdraw \(filed.id)`")
                }
                throw exit
            }
            if json { return try printJSON(application) }
            if draft {
                print(
                    "saved draft application \(application.id) (\(application.number)), "
                        + "\(application.attachments.count) attachment(s); submit it with "
                        + "`waiwangctl applications submit --id \(application.id)`")
            } else {
                printStep("submitted", application)
            }
        }

        /// Article 18 before anything is filed: the form always, the commitment letter for new access.
        static func requireArticle18Files(kind: ApplicationKind, files: [AttachmentFile]) throws {
            let kinds = Set(files.map(\.kind))
            var missing: [String] = []
            if !kinds.contains(.form) { missing.append("the scanned application form (--form FILE)") }
            if kind == .newAccess, !kinds.contains(.commitmentLetter) {
                missing.append("the signed security commitment letter, 安全承诺书 (--commitment-letter FILE)")
            }
            guard !missing.isEmpty else { return }
            printError(
                "error: a \(kind.rawValue) application needs \(missing.joined(separator: " and ")); "
                    + "nothing was filed. Give the file(s), or --draft to attach them later (attachments, article-18)")
            throw ExitCode(Failure.dataError)
        }
    }

    struct Attach: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach the scanned form or the signed commitment letter to a draft (PDF, PNG, JPEG; ≤ 10 MiB).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Option(help: "form or commitment-letter.") var kind: AttachmentFile.Kind
        @Argument(help: "The file: .pdf, .png, .jpg or .jpeg.", completion: .file(extensions: ["pdf", "png", "jpg"]))
        var file: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let attachment = try AttachmentFile.read(file, kind: kind)
            let view = try await global.withClient { try await attachment.upload(to: id, with: $0) }
            if json { return try printJSON(view) }
            print(
                "attached \(Labels.attachment(view.kind)) \(view.filename) to application \(id): "
                    + "\(view.mediaType), \(Labels.size(view.size)), sha256 \(view.sha256)")
        }
    }
}

/// A file to attach, read and checked here so that a wrong file is refused before anything is sent.
struct AttachmentFile {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case form
        case commitmentLetter = "commitment-letter"
    }

    let kind: Kind
    let filename: String
    let mediaType: AttachmentMediaType
    let data: Data

    /// Reads `path`: refused (65) unless it is named .pdf, .png, .jpg or .jpeg and holds 1 byte to 10 MiB;
    /// 66 when it cannot be read.
    static func read(_ path: String, kind: Kind) throws -> AttachmentFile {
        let filename = (path as NSString).lastPathComponent
        guard let mediaType = AttachmentMediaType(filename: filename) else {
            printError(
                "error: \(path): the registry accepts the \(Labels.attachment(kind.rawValue)) as PDF, PNG or JPEG "
                    + "only (.pdf, .png, .jpg, .jpeg); scan or export it to one of those (attachment-type)")
            throw ExitCode(Failure.dataError)
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            printError("error: cannot read \(path): no such file or not readable")
            throw ExitCode(Failure.notFound)
        }
        guard !data.isEmpty, data.count <= AttachmentMediaType.maxBytes else {
            printError(
                "error: \(path) has \(data.count) bytes; an attachment holds 1 byte to "
                    + "\(AttachmentMediaType.maxBytes >> 20) MiB — scan at a lower resolution (attachment-size)")
            throw ExitCode(Failure.dataError)
        }
        return AttachmentFile(kind: kind, filename: filename, mediaType: mediaType, data: data)
    }

    func upload(to application: Int64, with client: RegistryClient) async throws -> AttachmentView {
        try await client.uploadAttachment(
            application: application, kind: kind.rawValue, filename: filename, data: data,
            mediaType: mediaType.rawValue)
    }
}
