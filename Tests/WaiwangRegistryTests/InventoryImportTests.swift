import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

/// Inventories arrive as spreadsheets saved to CSV: Chinese or English headers, a BOM or none, all or nothing.
@Suite("CSV import and export")
struct InventoryImportTests {
    static let codeA = RegistryFixture.creditCode(division: "530402", serial: 20)
    static let codeB = RegistryFixture.creditCode(division: "530402", serial: 21)
    static let codeCity = RegistryFixture.creditCode(division: "530400", serial: 20)

    /// Units as a county office keeps them: Chinese headers, a BOM, division by name, 是/否 cells.
    static let chineseUnits = "\u{FEFF}" + """
        单位名称,统一社会信用代码,级别,所属区县,办公地址,联系人,联系电话,安全承诺书,状态
        红塔区发展和改革局,\(codeA),县级,红塔区,玉溪市红塔区玉兴路1号,张三,0877-2012345,是,在网
        红塔区财政局,\(codeB),乡镇,红塔区,红塔区 玉兴路１号,李四,13812345678,否,申请中
        玉溪市发展和改革委员会,\(codeCity),市级,玉溪市,玉溪市抚仙路5号,王五,0877-2023456,,

        """

    @Test("a units CSV with Chinese headers and a BOM imports every row")
    func chineseHeadersWithBOM() async throws {
        let fixture = try await RegistryFixture()
        let before = try await fixture.counts()
        try await fixture.withAPI { api in
            let response = try await api.importCSV("units", Self.chineseUnits)
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.decode(ImportReport.self)
            #expect(report == ImportReport(kind: "units", dryRun: false, rows: 3, created: 3, errors: []))

            let a = try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeA)")
            #expect(a.name == "红塔区发展和改革局")
            #expect(a.level == .county)
            #expect(a.divisionCode == "530402")
            #expect(a.commitmentLetterOnFile)
            #expect(a.state == .active)
            #expect(a.coLocatedUnits.map(\.creditCode) == [Self.codeB])
            let b = try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeB)")
            #expect(b.level == .township)
            #expect(!b.commitmentLetterOnFile)
            #expect(b.state == .applying)
            let city = try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeCity)")
            #expect(city.level == .city)
            #expect(city.divisionCode == "530400")
            #expect(city.state == .active)
        }
        let after = try await fixture.counts()
        #expect(after.units == before.units + 3)
        #expect(after.auditEntries == before.auditEntries + 3)
    }

    @Test("a units CSV with English headers, no BOM and CRLF line ends imports")
    func englishHeaders() async throws {
        let fixture = try await RegistryFixture()
        let csv = [
            "name,creditCode,level,division,officeAddress,contactName,contactPhone",
            "Hongta Audit Bureau,\(Self.codeA),county,530402,\"红塔区红塔大道20号, 3楼\",Zhang San,+86 138 1234 5678",
            "",
        ].joined(separator: "\r\n")
        try await fixture.withAPI { api in
            let response = try await api.importCSV("units", csv, as: .hongta)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(ImportReport.self).created == 1)
            let unit = try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeA)")
            #expect(unit.officeAddress == "红塔区红塔大道20号, 3楼")
            #expect(unit.contactPhone == "+86 138 1234 5678")
            #expect(!unit.commitmentLetterOnFile)
        }
    }

    @Test("a file with several bad rows is refused with 422 listing each line, field and rule, and stores nothing")
    func badRows() async throws {
        let fixture = try await RegistryFixture()
        let good = RegistryFixture.creditCode(division: "530402", serial: 30)
        let csv = """
            单位名称,统一社会信用代码,级别,所属区县,办公地址,联系人,联系电话,安全承诺书
            红塔区审计局,\(good),县级,红塔区,红塔区红塔大道20号,张三,0877-2012345,是
            红塔区统计局,91350100M000100Y44,县级,红塔区,红塔区红塔大道21号,张三,0877-2012345,是
            红塔区民政局,\(RegistryFixture.creditCode(division: "530402", serial: 31)),县级,红塔区,红塔区红塔大道22号,张三,12345,是

            红塔区水利局,\(RegistryFixture.creditCode(division: "530402", serial: 32)),省级,红塔区,红塔区红塔大道23号,张三,0877-2012345,是
            红塔区林草局,\(RegistryFixture.creditCode(division: "530402", serial: 33)),县级,红塔区,红塔区红塔大道24号,张三,0877-2012345,也许
            红塔区审计局分局,\(good),县级,红塔区,红塔区红塔大道25号,张三,0877-2012345,是
            ,\(RegistryFixture.creditCode(division: "530402", serial: 34)),县级,红塔区,红塔区红塔大道26号,张三,0877-2012345,是
            红塔区人社局,\(RegistryFixture.creditCode(division: "530402", serial: 35)),县级,火星区,红塔区红塔大道27号,张三,0877-2012345,是
            红塔区商务局,\(RegistryFixture.creditCode(division: "530402", serial: 36)),市级,红塔区,红塔区红塔大道28号,张三,0877-2012345,是

            """
        let before = try await fixture.counts()
        let response = try await fixture.withAPI { api in try await api.importCSV("units", csv) }
        let problem = try response.expectProblem(.unprocessableContent, rule: "import-all-or-nothing")
        #expect(problem.detail == "8 of 9 rows are bad; nothing was stored")
        let errors = try #require(problem.errors)
        let found = errors.map { "\($0.line ?? 0) \($0.field ?? "-") \($0.rule ?? "-")" }
        #expect(found == [
            "3 creditCode gb32100-check-character",
            "4 contactPhone phone",
            "6 level unit-level",
            "7 commitmentLetter flag",
            "8 creditCode unique-credit-code",
            "9 name required",
            "10 divisionCode known-division",
            "11 divisionCode article-16",
        ])
        #expect(try await fixture.counts() == before)
    }

    @Test("a dry run reports what would be stored and stores nothing")
    func dryRun() async throws {
        let fixture = try await RegistryFixture()
        let before = try await fixture.counts()
        try await fixture.withAPI { api in
            let response = try await api.importCSV("units", Self.chineseUnits, dryRun: true)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(ImportReport.self) == ImportReport(kind: "units", dryRun: true, rows: 3, created: 0, errors: []))
            try await api.get("/api/v1/units/\(Self.codeA)").expectProblem(.notFound)

            let bad = try await api.importCSV("units", Self.chineseUnits.replacingOccurrences(of: "0877-2012345", with: "12"),
                                              dryRun: true)
            let problem = try bad.expectProblem(.unprocessableContent)
            #expect(problem.errors?.map(\.line) == [2])
        }
        #expect(try await fixture.counts() == before)
    }

    @Test("a file lacking a required column, empty, or not UTF-8 is refused as a whole")
    func fileLevelProblems() async throws {
        let fixture = try await RegistryFixture()
        let before = try await fixture.counts()
        try await fixture.withAPI { api in
            let missing = try await api.importCSV("units", "单位名称,统一社会信用代码\n红塔区审计局,\(Self.codeA)\n")
                .expectProblem(.unprocessableContent, field: "header", rule: "csv-header")
            #expect(missing.detail.contains("级别"))
            #expect(missing.detail.contains("联系电话"))
            try await api.importCSV("units", "\u{FEFF}\n  \n").expectProblem(.unprocessableContent, rule: "csv-header")
            let gbk = try await api.send(.post, "/api/v1/import/units", as: .admin,
                                         body: Data([0xB5, 0xA5, 0xCE, 0xBB, 0xC3, 0xFB, 0xB3, 0xC6, 0x0A]), contentType: "text/csv")
            try gbk.expectProblem(.unprocessableContent, rule: "csv-encoding")
        }
        #expect(try await fixture.counts() == before)
    }

    @Test("a links CSV gives co-located units as code1;code2 and they share the link")
    func linksWithCoLocatedUnits() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            #expect(try await api.importCSV("units", Self.chineseUnits).status == .ok)
            let links = """
                接入单位,接入方式,运营商,带宽(M),汇聚设备,端口,备份,备注
                \(Self.codeA);\(Self.codeB),VPDN专线,中国电信,100M,HT-AGG-01,GigabitEthernet0/0/5,否,发改局与财政局共用
                \(Self.codeA)；\(Self.codeB),数据专线,中国联通,1G,HT-AGG-01,GigabitEthernet0/0/6,是,备份线路
                \(Self.codeCity),互联网VPN,中国移动,50,YX-AGG-01,GigabitEthernet0/0/5,,

                """
            let response = try await api.importCSV("links", links)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(ImportReport.self).created == 3)

            let shared = try await api.fetch(Page<LinkView>.self, "/api/v1/links?shared=true")
            #expect(shared.items.count == 2)
            let primary = try #require(shared.items.first { !$0.backup })
            #expect(primary.units.map(\.creditCode) == [Self.codeA, Self.codeB])
            #expect(primary.kind == .vpdn)
            #expect(primary.bandwidthMbps == 100)
            #expect(primary.note == "发改局与财政局共用")
            let backup = try #require(shared.items.first { $0.backup })
            #expect(backup.kind == .leased)
            #expect(backup.bandwidthMbps == 1000)
            let city = try await fixture.link(hub: "YX", port: "GigabitEthernet0/0/5")
            #expect(city.kind == .vpn)
            #expect(city.units.map(\.creditCode) == [Self.codeCity])
        }
    }

    @Test("a prefixes CSV imports IPv4 and IPv6 prefixes by credit code")
    func prefixes() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            #expect(try await api.importCSV("units", Self.chineseUnits).status == .ok)
            let csv = """
                统一社会信用代码,IP地址段,说明
                \(Self.codeA),10.1.5.0/24,办公网
                \(Self.codeB),2001:DB8:5::/48,IPv6 办公网
                \(Self.codeCity),10.0.1.0/24,

                """
            let response = try await api.importCSV("prefixes", csv)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(ImportReport.self).created == 3)
            let a = try await api.fetch(Page<PrefixView>.self, "/api/v1/prefixes?unit=\(Self.codeA)")
            #expect(a.items.map(\.cidr) == ["10.1.5.0/24"])
            #expect(a.items.first?.description == "办公网")
            let b = try await api.fetch(Page<PrefixView>.self, "/api/v1/prefixes?unit=\(Self.codeB)")
            #expect(b.items.map(\.cidr) == ["2001:db8:5::/48"])
            #expect(b.items.first?.family == "v6")
            let attribution = try await api.fetch(AttributionView.self, "/api/v1/attribution/2001:db8:5::1")
            #expect(attribution.unit.creditCode == Self.codeB)

            let overlapping = "统一社会信用代码,IP地址段\n\(Self.codeA),10.1.5.128/25\n\(Self.codeA),10.1.6.0/24\n\(Self.codeB),10.1.6.0/25\n"
            let problem = try await api.importCSV("prefixes", overlapping).expectProblem(.unprocessableContent)
            #expect(problem.errors?.map(\.line) == [2, 4])
            #expect(problem.errors?.allSatisfy { $0.rule == "prefix-overlap" } == true)
        }
    }

    @Test("an export re-imported into a fresh registry exports identically", arguments: ["zh", "en"])
    func exportRoundTrip(_ headers: String) async throws {
        let source = try await RegistryFixture()
        try await source.withAPI { api async throws in
            #expect(try await api.importCSV("units", Self.chineseUnits).status == .ok)
            #expect(try await api.send(.post, "/api/v1/links", as: .admin,
                                       json: RegistryFixture.link(units: [Self.codeA, Self.codeB], port: "GigabitEthernet0/0/2"))
                .status == .created)
            var backup = RegistryFixture.link(units: [Self.codeB], port: "GigabitEthernet0/0/3", backup: true)
            backup.note = "备份, \"移动\""
            #expect(try await api.send(.post, "/api/v1/links", as: .admin, json: backup).status == .created)
            #expect(try await api.send(.post, "/api/v1/prefixes", as: .admin,
                                       json: PrefixCreate(unit: Self.codeA, cidr: "2001:db8:1::/48", description: "v6")).status == .created)
        }
        let kinds = ["units", "links", "prefixes"]
        let exported = try await source.withAPI { api in
            var files: [String: Data] = [:]
            for kind in kinds {
                let response = try await api.get("/api/v1/export/\(kind)?headers=\(headers)", as: .auditor)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(response.data.starts(with: [0xEF, 0xBB, 0xBF]))
                files[kind] = response.data
            }
            return files
        }
        #expect(String(decoding: exported["units"] ?? Data(), as: UTF8.self).contains(headers == "zh" ? "统一社会信用代码" : "creditCode"))

        let fresh = try await RegistryFixture(seeded: false)
        let reexported = try await fresh.withAPI { api in
            var files: [String: Data] = [:]
            for kind in kinds {
                let response = try await api.send(.post, "/api/v1/import/\(kind)", as: .admin, body: exported[kind],
                                                   contentType: "text/csv")
                #expect(response.status == .ok, "\(kind): \(response.text)")
            }
            for kind in kinds {
                files[kind] = try await api.get("/api/v1/export/\(kind)?headers=\(headers)").data
            }
            return files
        }
        for kind in kinds {
            #expect(reexported[kind] == exported[kind],
                    "\(kind) differs:\n\(String(decoding: exported[kind] ?? Data(), as: UTF8.self))\n---\n\(String(decoding: reexported[kind] ?? Data(), as: UTF8.self))")
        }
        #expect(try await fresh.counts().units == source.counts().units)
    }

    @Test("cells padded with blanks import as if trimmed")
    func paddedCells() async throws {
        let fixture = try await RegistryFixture()
        let csv = "name,creditCode,level,division,officeAddress,contactName,contactPhone,commitmentLetter\n"
            + " 红塔区审计局 , \(Self.codeA) , county , 红塔区 , 红塔区红塔大道20号 , 张三 , 0877-2012345 , 是 \n"
        try await fixture.withAPI { api in
            let response = try await api.importCSV("units", csv)
            #expect(response.status == .ok, "\(response.text)")
            let unit = try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeA)")
            #expect(unit.name == "红塔区审计局")
            #expect(unit.divisionCode == "530402")
            #expect(unit.commitmentLetterOnFile)
            let prefixes = try await api.importCSV("prefixes", "统一社会信用代码,IP地址段\n \(Self.codeA) , 10.1.9.0/24 \n")
            #expect(prefixes.status == .ok, "\(prefixes.text)")
        }
    }

    @Test("a blank optional cell takes its default")
    func blankOptionalCell() async throws {
        let fixture = try await RegistryFixture()
        let csv = "name,creditCode,level,division,officeAddress,contactName,contactPhone,commitmentLetter,state\n"
            + "红塔区审计局,\(Self.codeA),county,530402,红塔区红塔大道20号,张三,0877-2012345, , \n"
        try await fixture.withAPI { api in
            let response = try await api.importCSV("units", csv)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeA)").state == .active)
        }
    }
}
