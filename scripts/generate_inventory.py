#!/usr/bin/env python3
"""Generate a realistic, deterministic extranet inventory of Yuxi (玉溪市) for the registry's importer.

Writes into --out:
  units.csv     统一社会信用代码-valid access units (UTF-8 with BOM, to exercise BOM handling)
  links.csv     one link per office address (co-located units share it, article 17), ~3% backups
  prefixes.csv  1-3 non-overlapping IPv4 prefixes per unit (/24-/29 in 10.0.0.0/8), ~10% also IPv6
  devices.csv   the hub devices the links land on (hub code, device name, SNMP address)

Headers are Chinese unless --english. The same --seed always gives the same files.

    python3 scripts/generate_inventory.py --units 3000 --seed 7 --out /tmp/inventory
"""

import argparse
import csv
import ipaddress
import json
import os
import random
import sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]  # GB 11714 organisation code check

FALLBACK_TREE = {
    "province": "云南省",
    "city": {"code": "530400", "name": "玉溪市", "hub": {"code": "YX-CITY", "name": "玉溪市汇聚节点"}},
    "counties": [
        {"code": code, "name": name, "hub": {"code": "YX-" + code, "name": name + "汇聚节点"}}
        for code, name in [
            ("530402", "红塔区"), ("530403", "江川区"), ("530481", "澄江市"), ("530423", "通海县"),
            ("530424", "华宁县"), ("530425", "易门县"), ("530426", "峨山彝族自治县"),
            ("530427", "新平彝族傣族自治县"), ("530428", "元江哈尼族彝族傣族自治县"),
        ]
    ],
}

# Townships and sub-districts (乡镇、街道) of each county, as of the 2020s.
TOWNSHIPS = {
    "530402": ["玉兴街道", "凤凰街道", "北城街道", "春和街道", "李棋街道", "大营街街道", "研和街道", "高仓街道",
               "洛河彝族乡", "小石桥彝族乡"],
    "530403": ["大街街道", "江城镇", "前卫镇", "九溪镇", "路居镇", "雄关乡", "安化彝族乡"],
    "530481": ["凤麓街道", "龙街街道", "右所镇", "阳宗镇", "海口镇", "九村镇"],
    "530423": ["秀山街道", "九龙街道", "杨广镇", "河西镇", "四街镇", "纳古镇", "里山彝族乡", "高大傣族彝族乡",
               "兴蒙蒙古族乡"],
    "530424": ["宁州街道", "盘溪镇", "华溪镇", "青龙镇", "通红甸彝族苗族乡"],
    "530425": ["龙泉街道", "六街街道", "绿汁镇", "浦贝彝族乡", "十街彝族乡", "小街乡", "铜厂彝族乡"],
    "530426": ["双江街道", "小街街道", "甸中镇", "化念镇", "塔甸镇", "岔河乡", "大龙潭乡", "富良棚乡"],
    "530427": ["桂山街道", "古城街道", "扬武镇", "漠沙镇", "戛洒镇", "水塘镇", "新化乡", "老厂乡", "者竜乡",
               "平掌乡", "建兴乡", "平甸乡"],
    "530428": ["澧江街道", "红河街道", "甘庄街道", "因远镇", "东峨镇", "曼来镇", "羊街乡", "那诺乡", "洼垤乡",
               "咪哩乡"],
}

DEPARTMENTS = [
    "人民政府办公室", "发展和改革局", "教育体育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局",
    "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局",
    "农业农村局", "商务局", "文化和旅游局", "卫生健康局", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "统计局", "医疗保障局", "林业和草原局", "政务服务管理局", "信访局", "数据局",
    "民族宗教事务局", "城市管理局", "机关事务管理局", "人民法院", "人民检察院", "档案馆", "融媒体中心",
    "疾病预防控制中心", "人民医院", "中医医院", "妇幼保健院", "第一中学", "职业高级中学", "社会保险中心",
    "不动产登记中心", "综合行政执法局", "供销合作社联合社", "总工会", "妇女联合会", "残疾人联合会",
]
CITY_DEPARTMENTS = [d.replace("自然资源局", "自然资源和规划局").replace("水务局", "水利局") for d in DEPARTMENTS] + [
    "人民代表大会常务委员会办公室", "政治协商会议委员会办公室", "中级人民法院", "国家保密局", "住房公积金管理中心",
    "第一人民医院", "第二人民医院", "中心血站", "气象局", "消防救援支队", "税务局", "生态环境局红塔分局",
    "公安局交通警察支队", "公共资源交易中心", "12345政务服务便民热线中心", "大数据中心", "财政局国库支付中心",
]
SUB_UNITS = ["信息中心", "综合执法大队", "办公室", "服务中心", "事务中心", "监测站", "档案室", "培训中心",
             "指挥中心", "管理所", "督查室", "数据分中心", "财务室", "法规科", "政策研究室", "应急值班室", "网络安全科",
             "机要室", "后勤服务中心", "质量检测站", "技术中心", "稽查支队", "宣传教育中心", "调度中心", "研究所",
             "行政审批科", "人事科", "规划发展科", "安全监管科", "离退休人员服务中心"]
TOWNSHIP_UNITS = [
    "人民政府", "党政综合办公室", "便民服务中心", "财政所", "司法所", "派出所", "卫生院", "中心学校",
    "农业农村服务中心", "社会保障服务中心", "自然资源所", "综合行政执法队", "市场监督管理所", "退役军人服务站",
    "林业站", "文化站", "水务站", "中心幼儿园", "农业综合服务中心", "兽医站", "计划生育服务站", "财政所农经站",
]
# Township-level units named after a village of the township (a school, a clinic).
VILLAGE_INSTITUTIONS = ["小学", "完全小学", "卫生所", "幼儿园", "警务室", "便民服务站"]
VILLAGE_UNITS = ["村委会", "村委会", "村委会", "村卫生室", "村便民服务站"]
# County-level offices in a township: 红塔区公安局玉兴派出所.
COUNTY_OUTPOSTS = [("公安局", "派出所"), ("市场监督管理局", "市场监督管理所"), ("自然资源局", "自然资源所"),
                   ("税务局", "税务分局"), ("司法局", "司法所"), ("人民法院", "人民法庭"), ("供电局", "供电所"),
                   ("林业和草原局", "林业站"), ("交通运输局", "交通管理所")]
VILLAGE_FIRST = list("大小新老上下东西南北中高龙凤马石水河山坝营田沙竹松柏桃李黄白清甸哨")
VILLAGE_SECOND = list("营村寨冲坝甸河山庄屯桥湾沟塘哨街旗所铺")
ROADS = ["玉兴路", "聂耳路", "红塔大道", "东风路", "珊瑚路", "抚仙路", "凤凰路", "秀山路", "南北大街", "人民路",
         "龙马路", "文化路", "中山路", "建设路", "环城路", "振兴路", "民族路", "滨河路", "长安路", "兴业路"]
SURNAMES = list("李王张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡"
                "贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华琼兰云红波海燕鹏辉丹萍斌宇浩凯琳瑶")
CARRIERS = [("中国电信", 0.5), ("中国移动", 0.3), ("中国联通", 0.2)]
KINDS = [("vpdn", 0.35), ("leased", 0.45), ("vpn", 0.20)]
KIND_LABELS = {"vpdn": "VPDN专线", "leased": "数据专线", "vpn": "互联网VPN"}
BANDWIDTHS = {"vpdn": ["2M", "4M", "10M", "20"], "leased": ["10M", "20M", "50M", "100M", "100", "1G"],
              "vpn": ["20M", "50M", "100M"]}
PREFIX_LENGTHS = [(24, 0.40), (25, 0.15), (26, 0.15), (27, 0.15), (28, 0.10), (29, 0.05)]
PREFIX_USES = ["办公网", "视频会议", "业务专网", "服务器区", "设备管理", "无线接入"]
LEVEL_LABELS = {"city": "市级", "county": "县级", "township": "乡镇级", "village": "村级"}

HEADERS = {
    "units": (["单位名称", "统一社会信用代码", "级别", "所属区县", "办公地址", "联系人", "联系电话", "安全承诺书", "状态"],
              ["name", "creditCode", "level", "division", "officeAddress", "contactName", "contactPhone",
               "commitmentLetter", "state"]),
    "links": (["接入单位", "接入方式", "运营商", "带宽", "汇聚设备", "端口", "备份", "备注"],
              ["units", "kind", "carrier", "bandwidth", "hubDevice", "port", "backup", "note"]),
    "prefixes": (["统一社会信用代码", "IP地址段", "说明"], ["creditCode", "cidr", "description"]),
    "devices": (["汇聚节点", "设备名称", "SNMP地址"], ["hub", "name", "snmpAddress"]),
}


def weighted(rng, pairs):
    """One value of (value, weight) pairs."""
    point, total = rng.random(), 0.0
    for value, weight in pairs:
        total += weight
        if point < total:
            return value
    return pairs[-1][0]


def credit_code(division_code, org_code):
    """18-character 统一社会信用代码 of a 机关 (11) registered in division_code, per GB 32100-2015."""
    body = "11" + division_code + org_code
    total = sum(WEIGHTS[i] * ALPHABET.index(c) for i, c in enumerate(body))
    return body + ALPHABET[(31 - total % 31) % 31]


def org_code(rng):
    """A 9-character organisation code (GB 11714): 8 digits and its check character."""
    digits = "".join(rng.choice("0123456789") for _ in range(8))
    total = sum(w * int(d) for w, d in zip(ORG_WEIGHTS, digits))
    check = 11 - total % 11
    return digits + ("X" if check == 10 else "0" if check == 11 else str(check))


def short_place(name):
    """玉兴街道 → 玉兴, 洛河彝族乡 → 洛河: the stem of a township's name."""
    for marker in ["彝族", "哈尼族", "傣族", "苗族", "蒙古族", "街道", "镇", "乡"]:
        if marker in name and name.index(marker) > 0:
            return name[: name.index(marker)]
    return name


def short_county(name):
    """红塔区 → 红塔, 峨山彝族自治县 → 峨山: the stem used in department names of autonomous counties."""
    for marker in ["彝族", "哈尼族", "傣族", "苗族"]:
        if marker in name:
            return name[: name.index(marker)]
    return name


class Allocator:
    """Non-overlapping prefixes: each division gets its own /12 of 10.0.0.0/8, a fresh /12 when one is full."""

    def __init__(self):
        self.blocks = list(ipaddress.ip_network("10.0.0.0/8").subnets(new_prefix=12))
        self.cursor = {}
        self.v6_56 = 0
        self.v6_64 = 0

    def take_block(self, division):
        if not self.blocks:
            sys.exit("generate_inventory: 10.0.0.0/8 is exhausted; ask for fewer units")
        block = self.blocks.pop(0)
        self.cursor[division] = [int(block.network_address), int(block.broadcast_address)]

    def ipv4(self, division, length):
        if division not in self.cursor:
            self.take_block(division)
        size = 1 << (32 - length)
        start = (self.cursor[division][0] + size - 1) // size * size
        if start + size - 1 > self.cursor[division][1]:
            self.take_block(division)
            start = self.cursor[division][0]
        self.cursor[division][0] = start + size
        return ipaddress.ip_network((start, length))

    def ipv6(self, rng):
        if rng.random() < 0.5:
            self.v6_56 += 1
            base = int(ipaddress.ip_address("2408:8456::")) + (self.v6_56 << 72)
            return ipaddress.ip_network((base, 56))
        self.v6_64 += 1
        base = int(ipaddress.ip_address("2408:8457::")) + (self.v6_64 << 64)
        return ipaddress.ip_network((base, 64))


class Generator:
    def __init__(self, tree, units, seed, english):
        self.tree = tree
        self.count = units
        self.rng = random.Random(seed)
        self.english = english
        self.codes = set()
        self.addresses = set()
        self.names = set()
        self.units = []      # dicts
        self.sites = []      # [units at one address]
        self.links = []
        self.prefixes = []
        self.devices = {}    # hub code -> {kind: device name}
        self.ports = {}      # device name -> next port counters
        self.allocator = Allocator()
        self.last_village = None

    # Names, people, addresses -------------------------------------------------------------------------------

    def unique_name(self, candidates):
        for _ in range(200):
            name = self.rng.choice(candidates)() if callable(candidates[0]) else self.rng.choice(candidates)
            if name not in self.names:
                self.names.add(name)
                return name
        base = name
        number = 2
        while f"{base}第{number}分部" in self.names:
            number += 1
        name = f"{base}第{number}分部"
        self.names.add(name)
        return name

    def person(self):
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice([1, 2])))

    def phone(self):
        if self.rng.random() < 0.55:
            return self.rng.choice(["138", "139", "150", "151", "158", "187", "189", "133", "153", "180"]) + \
                "".join(self.rng.choice("0123456789") for _ in range(8))
        return "0877-" + self.rng.choice("2345689") + "".join(self.rng.choice("0123456789") for _ in range(6))

    def address(self, county_name, township=None, village=None):
        """A unique street address in the county (and township, and village); the city seat is in 红塔区."""
        while True:
            place = county_name + (township or "")
            if village:
                text = f"{place}{village}村{self.rng.randint(1, 200)}号"
            elif township and ("乡" in township[-1:] or "镇" in township[-1:]) and self.rng.random() < 0.5:
                text = f"{place}{self.rng.choice(VILLAGE_FIRST)}{self.rng.choice(VILLAGE_SECOND)}村{self.rng.randint(1, 200)}号"
            else:
                text = f"{place}{self.rng.choice(ROADS)}{self.rng.randint(1, 999)}号"
            if text not in self.addresses:
                self.addresses.add(text)
                prefix = self.tree["province"] + self.tree["city"]["name"] if self.rng.random() < 0.6 else ""
                return prefix + text

    # Units ------------------------------------------------------------------------------------------------

    def new_unit(self, name, level, division, address):
        while True:
            code = credit_code(division["code"], org_code(self.rng))
            if code not in self.codes:
                self.codes.add(code)
                break
        unit = {
            "name": name, "creditCode": code, "level": level, "division": division, "officeAddress": address,
            "contactName": self.person(), "contactPhone": self.phone(),
            "commitmentLetter": self.rng.random() < 0.93, "state": "active",
        }
        self.units.append(unit)
        return unit

    def city_unit_name(self):
        city = self.tree["city"]["name"]
        department = self.rng.choice(CITY_DEPARTMENTS)
        if self.rng.random() < 0.45:
            return city + department
        return city + department + self.rng.choice(SUB_UNITS)

    def county_unit_name(self, county):
        department = self.rng.choice(DEPARTMENTS)
        stem = county["name"] if self.rng.random() < 0.8 else short_county(county["name"])
        if self.rng.random() < 0.3:
            office, outpost = self.rng.choice(COUNTY_OUTPOSTS)
            return county["name"] + office + short_place(self.rng.choice(self.townships(county))) + outpost
        if department in ("人民政府办公室",) or self.rng.random() < 0.6:
            return stem + department
        return stem + department + self.rng.choice(SUB_UNITS)

    def village(self):
        return self.rng.choice(VILLAGE_FIRST) + self.rng.choice(VILLAGE_SECOND)

    def township_unit_name(self, township):
        if self.rng.random() < 0.35:
            return township + self.village() + self.rng.choice(VILLAGE_INSTITUTIONS)
        return township + self.rng.choice(TOWNSHIP_UNITS)

    def village_name(self, township):
        """The name of a village-level unit; remembers its village, where a lone unit's office is."""
        stem = self.village()
        if township.endswith("街道") and self.rng.random() < 0.6:
            self.last_village = None
            return township + stem + "社区居民委员会"
        self.last_village = stem
        return township + stem + self.rng.choice(VILLAGE_UNITS)

    def townships(self, county):
        known = TOWNSHIPS.get(county["code"])
        if known:
            return known
        rng = random.Random(county["code"])
        return [rng.choice(VILLAGE_FIRST) + rng.choice(VILLAGE_SECOND) + rng.choice(["镇", "乡", "街道"])
                for _ in range(8)]

    def generate_units(self):
        counties = self.tree["counties"]
        city = self.tree["city"]
        seat = counties[0]["name"] if counties else ""
        # Bigger counties (the city seat first) get more units.
        weights = [3.0 if i == 0 else 1.0 + (len(counties) - i) * 0.08 for i in range(len(counties))]
        remaining = self.count
        city_remaining = max(1, round(self.count * 0.10)) if counties else self.count
        while remaining > 0:
            is_city = self.rng.random() < city_remaining / remaining
            available = city_remaining if is_city else remaining - city_remaining
            # About 15% of units are co-located: groups of 2-4 at one address sharing one link (article 17).
            size = min(available, self.rng.randint(2, 4)) if self.rng.random() < 0.055 else 1
            if is_city:
                division, township = city, None
                levels = ["city"] * size
                place = seat
            else:
                division = self.rng.choices(counties, weights=weights)[0]
                levels = [weighted(self.rng, [("county", 0.3), ("township", 0.35), ("village", 0.35)])
                          for _ in range(size)]
                township = None
                if size > 1 or levels[0] != "county":
                    township = self.rng.choice(self.townships(division))
                place = division["name"]
            address = None
            site = []
            for level in levels:
                if level == "city":
                    name = self.unique_name([self.city_unit_name])
                elif level == "county":
                    name = self.unique_name([lambda d=division: self.county_unit_name(d)])
                elif level == "township":
                    name = self.unique_name([lambda p=township: self.township_unit_name(p)])
                else:
                    name = self.unique_name([lambda p=township: self.village_name(p)])
                if address is None:
                    village = self.last_village if size == 1 and level == "village" else None
                    address = self.address(place, township, village)
                # The same place written a little differently (full-width number, no province) is one address.
                written = address
                if site and self.rng.random() < 0.3:
                    if self.rng.random() < 0.5:
                        written = address.replace(self.tree["province"], "", 1)
                    else:
                        written = address.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
                site.append(self.new_unit(name, level, division, written))
            self.sites.append(site)
            remaining -= size
            if is_city:
                city_remaining -= size
        # A few units are still applying: no link yet.
        for site in self.sites:
            if len(site) == 1 and self.rng.random() < 0.02:
                site[0]["state"] = "applying"
                site[0]["commitmentLetter"] = self.rng.random() < 0.5

    # Links and devices -------------------------------------------------------------------------------------

    def hub_of(self, unit):
        return self.tree["city"]["hub"] if unit["level"] == "city" else unit["division"]["hub"]

    def device(self, hub, kind):
        role = {"leased": "AGG", "vpdn": "LNS", "vpn": "VPNGW"}[kind]
        devices = self.devices.setdefault(hub["code"], {})
        if kind not in devices:
            devices[kind] = f"{hub['code']}-{role}-01"
        return devices[kind]

    def port(self, device, kind):
        """Leased lines on physical ports, VPDN and VPN on sub-interfaces of an uplink (a VLAN each)."""
        state = self.ports.setdefault(device, {"slot": 1, "port": 1, "uplink": 1, "vlan": 100})
        if kind == "leased":
            name = f"GigabitEthernet{state['slot']}/0/{state['port']}"
            state["port"] += 1
            if state["port"] > 48:
                state["slot"] += 1
                state["port"] = 1
            return name
        name = f"GigabitEthernet1/0/{state['uplink']}.{state['vlan']}"
        state["vlan"] += 1
        if state["vlan"] > 4000:
            state["uplink"] += 1
            state["vlan"] = 100
        return name

    def new_link(self, site, backup):
        hub = self.hub_of(site[0])
        kind = weighted(self.rng, KINDS)
        carrier = weighted(self.rng, CARRIERS)
        if backup:
            kind = "vpn" if self.rng.random() < 0.7 else "vpdn"
        device = self.device(hub, kind)
        note = ""
        if kind == "leased" and self.rng.random() < 0.6:
            note = f"电路编号：YX{carrier[2:3]}{self.rng.randint(2015, 2025)}{self.rng.randint(0, 99999):05d}"
        if backup:
            note = "备份链路" + ("，" + note if note else "")
        self.links.append({
            "units": [u["creditCode"] for u in site], "kind": kind, "carrier": carrier,
            "bandwidth": self.rng.choice(BANDWIDTHS[kind]), "hubDevice": device, "port": self.port(device, kind),
            "backup": backup, "note": note,
        })

    def generate_links(self):
        for site in self.sites:
            if site[0]["state"] == "applying":
                continue
            self.new_link(site, backup=False)
            if self.rng.random() < 0.03:
                self.new_link(site, backup=True)

    # Prefixes ----------------------------------------------------------------------------------------------

    def generate_prefixes(self):
        for unit in self.units:
            division = unit["division"]["code"]
            uses = self.rng.sample(PREFIX_USES, self.rng.choice([1, 1, 2, 2, 3]))
            for number, use in enumerate(uses):
                length = 24 if number == 0 and self.rng.random() < 0.6 else weighted(self.rng, PREFIX_LENGTHS)
                network = self.allocator.ipv4(division, length)
                self.prefixes.append({"creditCode": unit["creditCode"], "cidr": str(network),
                                      "description": unit["name"] + use})
            if self.rng.random() < 0.10:
                self.prefixes.append({"creditCode": unit["creditCode"], "cidr": str(self.allocator.ipv6(self.rng)),
                                      "description": unit["name"] + "IPv6办公网"})

    # Output ------------------------------------------------------------------------------------------------

    def yes_no(self, value):
        if self.english:
            return "yes" if value else "no"
        return "是" if value else "否"

    def unit_row(self, unit):
        division = unit["division"]
        return [
            unit["name"], unit["creditCode"],
            unit["level"] if self.english else LEVEL_LABELS[unit["level"]],
            division["code"] if self.english or self.rng.random() < 0.2 else division["name"],
            unit["officeAddress"], unit["contactName"], unit["contactPhone"],
            self.yes_no(unit["commitmentLetter"]),
            unit["state"] if self.english else {"active": "在网", "applying": "申请中"}[unit["state"]],
        ]

    def link_row(self, link):
        separator = ";" if self.english or self.rng.random() < 0.5 else "、"
        kind = link["kind"] if self.english or self.rng.random() < 0.3 else KIND_LABELS[link["kind"]]
        return [separator.join(link["units"]), kind, link["carrier"], link["bandwidth"], link["hubDevice"],
                link["port"], self.yes_no(link["backup"]), link["note"]]

    def write(self, directory):
        os.makedirs(directory, exist_ok=True)
        language = 1 if self.english else 0
        devices = []
        for hub_code, by_kind in self.devices.items():
            for kind in ["leased", "vpdn", "vpn"]:
                if kind in by_kind:
                    devices.append([hub_code, by_kind[kind], f"udp:127.0.0.1:{1161 + len(devices)}"])
        tables = {
            "units": [self.unit_row(u) for u in self.units],
            "links": [self.link_row(link) for link in self.links],
            "prefixes": [[p["creditCode"], p["cidr"], p["description"]] for p in self.prefixes],
            "devices": devices,
        }
        for kind, rows in tables.items():
            encoding = "utf-8-sig" if kind == "units" else "utf-8"
            with open(os.path.join(directory, kind + ".csv"), "w", encoding=encoding, newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(HEADERS[kind][language])
                writer.writerows(rows)


def load_tree(path):
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    return FALLBACK_TREE


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=3000, help="number of access units (default 3000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same files")
    parser.add_argument("--out", required=True, help="directory to write the CSV files into")
    parser.add_argument("--english", action="store_true", help="English headers and values instead of Chinese")
    parser.add_argument("--divisions", default=None,
                        help="divisions file (default Config/divisions.json next to this script's repository)")
    args = parser.parse_args()
    if args.units < 1:
        parser.error("--units must be at least 1")
    divisions = args.divisions or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Config",
                                               "divisions.json")
    generator = Generator(load_tree(divisions), args.units, args.seed, args.english)
    generator.generate_units()
    generator.generate_links()
    generator.generate_prefixes()
    generator.write(args.out)
    shared = sum(1 for link in generator.links if len(link["units"]) > 1)
    print(f"generate_inventory: {len(generator.units)} units, {len(generator.links)} links ({shared} shared), "
          f"{len(generator.prefixes)} prefixes, {sum(len(d) for d in generator.devices.values())} devices "
          f"in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
