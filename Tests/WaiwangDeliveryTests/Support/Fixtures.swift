import Foundation
import WaiwangDelivery

/// The escalation mail the tests send: Chinese subject, names, body and attached report.
enum Fixtures {
    static let subject = "【较大网络安全事件】某某县教育局接入单位对政务外网发起端口扫描，已隔离处置，请上级主管部门知悉并督办"
    static let body = """
        市数据主管部门：

        2026年11月27日 04:12，某某县教育局（接入单位编号 U-0421）对政务外网发起端口扫描。
        .这一行以点开头，检验点填充。
        事件等级：较大（III 级）。已于 04:20 执行隔离。

        报告人：政务外网安全值班室
        """
    static let report = "# 事件报告\n\n| 项目 | 内容 |\n|---|---|\n| 单位 | 某某县教育局 |\n| 等级 | 较大 |\n"

    static func message(to: [MailAddress], cc: [MailAddress] = [], bcc: [MailAddress] = []) throws -> MailMessage {
        MailMessage(
            from: try MailAddress("noc@waiwang.example.gov.cn", name: "政务外网安全值班室"),
            to: to, cc: cc, bcc: bcc,
            subject: subject,
            textBody: body,
            attachments: [MailAttachment(filename: "事件报告-2026-11-27-某某县教育局-端口扫描-较大.md", text: report)],
            date: Date(timeIntervalSince1970: 1_795_754_545),
            messageID: "inc-0001.report-1@waiwang.example.gov.cn",
            extraHeaders: [(name: "X-Waiwang-Incident", value: "INC-0001")]
        )
    }

    static var shanghai: TimeZone { TimeZone(identifier: "Asia/Shanghai")! }
}
