import ArgumentParser
import WaiwangAPI
import WaiwangCore

extension Units {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a unit.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "单位名称.") var name: String
        @Option(help: "统一社会信用代码 (18 characters).") var creditCode: String
        @Option(help: "city, county, township, village (or 市级, 县级, 乡镇级, 村级).") var level: String
        @Option(help: "所属区县: division code or name.") var division: String
        @Option(help: "办公地址.") var address: String
        @Option(help: "联系人.") var contact: String
        @Option(help: "联系电话: mobile or landline with area code.") var phone: String
        @Flag(inversion: .prefixedNo, help: "安全承诺书 on file (default no).") var commitmentLetter: Bool?
        @Option(help: "applying or active (default active).") var state: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            _ = try validated { () throws(RegistryError) in try UnitLevel(parsing: level) }
            if let state { _ = try validated { () throws(RegistryError) in try UnitState(parsing: state) } }
            for (flag, value) in [
                ("--name", name), ("--credit-code", creditCode), ("--division", division),
                ("--address", address), ("--contact", contact), ("--phone", phone),
            ]
            where value.trimmingBlanks().isEmpty {
                throw ValidationError("\(flag) must not be empty")
            }
        }

        func run() async throws {
            let body = UnitCreate(
                name: name, creditCode: creditCode, level: level, divisionCode: division,
                officeAddress: address, contactName: contact, contactPhone: phone,
                commitmentLetterOnFile: commitmentLetter, state: state)
            let unit = try await global.withClient { try await $0.createUnit(body) }
            if json { return try printJSON(unit) }
            print("created unit \(unit.id): \(unit.name) (\(unit.creditCode))")
            printUnit(unit)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of a unit; only those given change.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The unit's id or 统一社会信用代码.") var unit: String
        @Option(help: "单位名称.") var name: String?
        @Option(help: "city, county, township, village (or 市级, 县级, 乡镇级, 村级).") var level: String?
        @Option(help: "所属区县: division code or name.") var division: String?
        @Option(help: "办公地址.") var address: String?
        @Option(help: "联系人.") var contact: String?
        @Option(help: "联系电话.") var phone: String?
        @Flag(inversion: .prefixedNo, help: "安全承诺书 on file.") var commitmentLetter: Bool?
        @Option(help: "applying, active, isolated, withdrawn (or 申请中, 在网, 已隔离, 已退网).") var state: String?
        @Flag(help: "Print the API's JSON.") var json = false

        var update: UnitUpdate {
            UnitUpdate(
                name: name, level: level, divisionCode: division, officeAddress: address, contactName: contact,
                contactPhone: phone, commitmentLetterOnFile: commitmentLetter, state: state)
        }

        func validate() throws {
            guard update != UnitUpdate() else {
                throw ValidationError(
                    "nothing to change: give at least one of --name --level --division --address "
                        + "--contact --phone --commitment-letter/--no-commitment-letter --state")
            }
            if let level { _ = try validated { () throws(RegistryError) in try UnitLevel(parsing: level) } }
            if let state { _ = try validated { () throws(RegistryError) in try UnitState(parsing: state) } }
        }

        func run() async throws {
            let body = update
            let unit = try await global.withClient { try await $0.updateUnit(self.unit, body) }
            if json { return try printJSON(unit) }
            print("updated unit \(unit.id): \(unit.name) (\(unit.creditCode))")
            printUnit(unit)
        }
    }
}
