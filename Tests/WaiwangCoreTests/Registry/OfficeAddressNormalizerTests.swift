import Testing
import WaiwangCore

/// Article 17: units at one office address share one link, so addresses written differently must compare alike.
@Suite("Office address normalisation")
struct OfficeAddressNormalizerTests {
    let normalizer: OfficeAddressNormalizer

    init() throws {
        normalizer = OfficeAddressNormalizer(tree: try DivisionTreeFixture.shipped())
    }

    @Test("one address written differently normalises alike", arguments: [
        ("玉溪市红塔区玉兴路1号", "红塔区 玉兴路１号"),
        ("云南省玉溪市红塔区玉兴路1号", "红塔区玉兴路1号"),
        ("云南省 玉溪市 红塔区玉兴路1号", "红塔区玉兴路1号"),
        ("红塔区玉兴路１号", "红塔区玉兴路1号"),
        ("红塔区\u{3000}玉兴路1号", "红塔区玉兴路1号"),
        ("红塔区玉兴路1号（市政府大楼）", "红塔区玉兴路1号市政府大楼"),
        ("红塔区，玉兴路1号。", "红塔区玉兴路1号"),
        ("红塔区玉兴路1号A座", "红塔区玉兴路1号ａ座"),
        ("红塔区玉兴路1号Ａ座", "红塔区玉兴路1号a座"),
        ("玉溪市 红塔区 聂耳路 ２８ 号", "红塔区聂耳路28号"),
    ])
    func sameAddress(_ one: String, _ other: String) {
        #expect(normalizer.normalize(one) == normalizer.normalize(other))
    }

    @Test("the normal form has no blanks, full-width forms, upper-case ASCII or leading province and city")
    func normalForm() {
        #expect(normalizer.normalize("云南省玉溪市红塔区 玉兴路１号 Ｂ栋") == "红塔区玉兴路1号b栋")
    }

    @Test("different addresses stay different", arguments: [
        ("红塔区玉兴路1号", "红塔区玉兴路11号"),
        ("红塔区玉兴路1号", "江川区玉兴路1号"),
        ("红塔区玉兴路1号", "红塔区玉兴路1号1栋"),
        ("红塔区玉兴路1号", "红塔区玉溪路1号"),
        ("红塔区聂耳路28号", "红塔区聂耳路82号"),
    ])
    func differentAddresses(_ one: String, _ other: String) {
        #expect(normalizer.normalize(one) != normalizer.normalize(other))
    }

    @Test(
        "a dash, slash or # between numbers is part of the address",
        arguments: [
            ("红塔区玉兴路1-3号", "红塔区玉兴路13号"),
            ("红塔区玉兴路3#楼", "红塔区玉兴路3楼"),
            ("红塔区玉兴路1/2号", "红塔区玉兴路12号"),
        ])
    func separatorsBetweenNumbersCount(_ one: String, _ other: String) {
        #expect(normalizer.normalize(one) != normalizer.normalize(other))
    }

    @Test("the province and city names are dropped only at the front")
    func leadingNamesOnlyAtFront() {
        #expect(normalizer.normalize("红塔区玉溪市路1号") == "红塔区玉溪市路1号")
        #expect(normalizer.normalize("玉溪市红塔区玉溪市路1号") == "红塔区玉溪市路1号")
    }

    @Test("an address that is only the city's name is kept, not emptied")
    func nameAloneKept() {
        #expect(normalizer.normalize("玉溪市") == "玉溪市")
        #expect(normalizer.normalize("云南省玉溪市") == "玉溪市")
    }

    @Test("leading names are folded like addresses, so blanks and full-width forms in them do not matter")
    func leadingNamesFolded() {
        let custom = OfficeAddressNormalizer(leadingNames: ["云南省 ", "玉溪市", ""])
        #expect(custom.normalize("云南省玉溪市红塔区") == "红塔区")
        #expect(custom.normalize("") == "")
    }
}
