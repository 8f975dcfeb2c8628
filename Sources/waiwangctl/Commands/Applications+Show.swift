import ArgumentParser
import WaiwangAPI
import WaiwangCore

extension Applications {
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one application: form, deadline, attachments, history, notifications, reasons.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let application = try await global.withClient { try await $0.application(id) }
            if json { return try printJSON(application) }
            printApplication(application)
        }
    }
}

/// One application in full, labelled in Chinese: its fields, form, attachments, history and notifications.
func printApplication(_ application: ApplicationView) {
    var fields = FieldList()
    fields.add("ID", String(application.id))
    fields.add("申请编号", application.number)
    fields.add("类型", Labels.kind(application.kind))
    fields.add("状态", Labels.state(application.state))
    fields.add("区县代码", application.divisionCode)
    fields.add("接入单位", Labels.applicant(application))
    if let deadline = application.deadline { fields.add("期限", Labels.deadline(deadline)) }
    fields.add("创建", "\(application.createdAt) \(application.createdBy)")
    if let submittedAt = application.submittedAt { fields.add("提交时间", submittedAt) }
    if let decidedAt = application.decidedAt { fields.add("决定时间", decidedAt) }
    if let reasons = application.rejectionReasons { fields.add("驳回理由", reasons) }
    fields.print()

    print("\n申请表")
    printForm(application.form)

    print("\n附件")
    if application.attachments.isEmpty {
        print("无")
    } else {
        var table = TextTable("ID", "类型", "文件名", "媒体类型", "大小", "SHA-256", "上传人", "上传时间")
        for file in application.attachments {
            table.append(
                String(file.id), Labels.attachment(file.kind), file.filename, file.mediaType, Labels.size(file.size),
                file.sha256, file.uploadedBy, file.uploadedAt)
        }
        table.print()
    }

    print("\n办理记录")
    var history = TextTable("时间", "操作人", "操作", "原状态", "新状态", "备注")
    for event in application.history {
        history.append(
            event.at, event.actor, Labels.action(event.action), Labels.state(event.from), Labels.state(event.to),
            event.note)
    }
    history.print()

    if !application.notifications.isEmpty {
        print("\n通知")
        var table = TextTable("时间", "接收方", "地址", "主题", "内容")
        for notification in application.notifications {
            table.append(
                notification.at, Labels.recipient(notification.recipient), notification.address,
                notification.subject, notification.body)
        }
        table.print()
    }
}

/// The fields of the application/change form that are filled in.
func printForm(_ form: ApplicationForm) {
    var fields = FieldList()
    func add(_ label: String, _ value: String?) {
        if let value, !value.isEmpty { fields.add(label, value) }
    }
    add("单位", form.unit)
    add("单位名称", form.unitName)
    add("统一社会信用代码", form.creditCode)
    add("级别", form.level.map { (try? UnitLevel(parsing: $0))?.label ?? $0 })
    add("所属区县", form.divisionCode)
    add("办公地址", form.officeAddress)
    add("联系人", form.contactName)
    add("联系电话", form.contactPhone)
    add("申请理由", form.reason)
    add("承载业务", form.business)
    add("安全防护措施", form.protectiveMeasures)
    add("接入方式", form.linkKind.map { (try? LinkKind(parsing: $0))?.label ?? $0 })
    add("运营商", form.carrier)
    add("带宽", form.bandwidthMbps.map(Labels.bandwidth))
    add("申请地址段", form.prefixes?.joined(separator: ", "))
    add("撤销地址段", form.removePrefixes?.joined(separator: ", "))
    fields.print()
}

/// One line after a workflow step: `approved application 7 (SQ530402-2026-0007): 已批准 (approved)`, and the
/// deadline it now runs against.
func printStep(_ verb: String, _ application: ApplicationView) {
    var line = "\(verb) application \(application.id) (\(application.number)): \(Labels.state(application.state))"
    if let deadline = application.deadline, !application.state.isFinal { line += "; " + Labels.deadline(deadline) }
    print(line)
}
