"""Reads the workbooks of `ita ... -f xlsx` back with openpyxl and checks them
against the JSON output of the same command: every number, the sheet names and
headers in both languages, colours, frozen panes, filters, the chart, the
template's protection and validation; then determinism, pipes and terminals.
Usage: check.py ITA DATA_DIR GEN WORK"""
import json
import os
import pty
import subprocess
import sys
import time
import zipfile

import openpyxl

ITA, DATA, GEN, WORK = sys.argv[1:5]
FAILURES = []
TMPDIR = os.path.join(WORK, "tmp")
os.makedirs(TMPDIR)
ENV = dict(os.environ, TMPDIR=TMPDIR, TZ="UTC")


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def run(args, env=None, stdin=None, stdout=subprocess.PIPE):
    p = subprocess.run([ITA] + args, cwd=WORK, env=env or ENV, stdin=stdin, stdout=stdout,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr.decode()


def ok(args, env=None):
    rc, out, err = run(args, env)
    if rc != 0:
        raise SystemExit("ita %s: exit %d: %s" % (" ".join(args), rc, err))
    return out


def js(args):
    return json.loads(ok(args + ["-f", "json"]))


def book(args, name):
    path = os.path.join(WORK, name)
    ok(args + ["-f", "xlsx", "-o", path])
    return openpyxl.load_workbook(path), path


def rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def cents(v):
    """A JSON number or a cell as hundredths (None stays None)."""
    return None if v is None else round(v * 100)


def same_number(cell, want, what):
    """A score cell holds the double nearest the two-decimal value, or is empty."""
    if want is None:
        return check(cell is None, "%s: %r where the JSON has null (a missing value is an empty cell)" % (what, cell))
    return check(isinstance(cell, (int, float)) and float(cell) == float(want),
                 "%s: %r, JSON %r" % (what, cell, want))


TEXTS = {lang: json.load(open(os.path.join(DATA, "texts", lang + ".json"), encoding="utf-8")) for lang in ("en", "th")}

# sheet names and headers in each language, written out here (not read from the texts)
REPORT_SHEETS = {"en": ["Summary", "Items", "Groups", "Measures", "Notes"],
                 "th": ["สรุป", "รายข้อ", "กลุ่มประเด็น", "มาตรการ", "หมายเหตุ"]}
REPORT_HEADERS = {
    "en": {"Summary": ["Fiscal year", "Compared with", "Code", "Name", "Score", "Previous", "Change", "Grade", "Result"],
           "Items": ["Tool", "Indicator", "Item", "Sub-question", "Text", "Score", "Previous", "Change", "Grade", "Group"],
           "Groups": ["Group", "Tool", "Count", "Items"],
           "Measures": ["Item", "Group", "What is weak", "Measure", "How", "When", "Who"],
           "Notes": ["Kind", "Note"]},
    "th": {"สรุป": ["ปีงบประมาณ", "เทียบกับปี", "รหัส", "ชื่อ", "คะแนน", "ปีก่อน", "เปลี่ยนแปลง", "ระดับ", "ผล"],
           "รายข้อ": ["เครื่องมือ", "ตัวชี้วัด", "ข้อ", "ข้อย่อย", "รายการ", "คะแนน", "ปีก่อน", "เปลี่ยนแปลง", "ระดับ", "กลุ่ม"],
           "กลุ่มประเด็น": ["กลุ่ม", "เครื่องมือ", "จำนวน", "ประเด็นการประเมิน"],
           "มาตรการ": ["ข้อ", "กลุ่ม", None, None, None, None, None],
           "หมายเหตุ": ["ประเภท", "ข้อความ"]},
}
GROUP_COLOURS = {"maintain": "2E7D32", "improve": "B7791F", "urgent": "C53030"}


def fill_of(cell):
    rgb = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None
    return rgb[-6:].upper() if isinstance(rgb, str) else None


def check_headers(wb, sheets, headers, lang, what, agency_column=False):
    check(wb.sheetnames == sheets, "%s (%s): sheets %r, expected %r" % (what, lang, wb.sheetnames, sheets))
    agency = TEXTS[lang]["agency"]
    for name, want in headers.items():
        if name not in wb.sheetnames:
            continue
        got = rows(wb[name])[0]
        if agency_column:
            want = [agency] + want
        for i, h in enumerate(want):
            if h is not None:
                check(i < len(got) and got[i] == h, "%s (%s) sheet %s column %d: %r, expected %r"
                      % (what, lang, name, i + 1, got[i] if i < len(got) else None, h))
        check(wb[name].freeze_panes == "A2", "%s sheet %s: header row not frozen (%r)" % (what, name, wb[name].freeze_panes))


def check_report(wb, j, lang, c0):
    """Every number of every report in j against the workbook; c0 = 1 with an agency column."""
    t = TEXTS[lang]
    s = wb.worksheets
    summary, items, groups, measures = rows(s[0])[1:], rows(s[1])[1:], rows(s[2])[1:], rows(s[3])[1:]
    k = 0
    for r in j["reports"]:
        figs = [("", r["overall"])] + [(x["code"], x) for x in r["tools"]] + [(str(x["number"]), x) for x in r["indicators"]]
        for code, f in figs:
            row = summary[k]
            k += 1
            what = "Summary %s %s" % (r["agency"], code or "overall")
            if c0:
                check(row[0] == r["agency"], what + ": agency %r" % row[0])
            check(row[c0] == r["year"] and row[c0 + 1] == r["base_year"], what + ": years %r %r" % (row[c0], row[c0 + 1]))
            check((row[c0 + 2] or "") == code, what + ": code %r" % row[c0 + 2])
            same_number(row[c0 + 4], f["score"], what + " score")
            same_number(row[c0 + 5], f["previous"], what + " previous")
            same_number(row[c0 + 6], f["delta"], what + " change")
            grade = f.get("grade") or f.get("level_" + lang)
            check((row[c0 + 7] or None) == grade, what + ": grade %r, JSON %r" % (row[c0 + 7], grade))
            if code == "":
                check(row[c0 + 8] == t["pass" if f["pass"] else "fail"], what + ": result %r" % row[c0 + 8])
    check(k == len(summary), "Summary: %d rows, expected %d" % (len(summary), k))
    # Items: every item, then its sub-questions
    k = 0
    worst = {}
    for r in j["reports"]:
        for it in r["items"]:
            entries = [(None, it)] + [(q["number"], q) for q in it["subs"]]
            tiers = []
            for sub, f in entries:
                row = items[k]
                cell = s[1].cell(row=k + 2, column=c0 + 10)
                k += 1
                what = "Items %s %s%s" % (r["agency"], it["code"], "" if sub is None else "." + str(sub))
                check(row[c0] == it["tool"] and row[c0 + 1] == it["indicator"] and row[c0 + 2] == it["code"]
                      and row[c0 + 3] == sub, what + ": %r" % row[c0:c0 + 4])
                check(row[c0 + 4] == it["text_" + lang] if sub is None else row[c0 + 4] == f["text_" + lang],
                      what + ": text %r" % row[c0 + 4])
                same_number(row[c0 + 5], f["score"], what + " score")
                same_number(row[c0 + 6], f.get("previous"), what + " previous")
                same_number(row[c0 + 7], f.get("delta"), what + " change")
                if f["score"] is not None:
                    check(s[1].cell(row=k + 1, column=c0 + 6).number_format == "0.00", what + ": score not formatted 0.00")
                tier = f.get("tier")
                if tier:
                    tiers.append(tier)
                    check(row[c0 + 9] == t["tier_" + tier], what + ": group %r, JSON %r" % (row[c0 + 9], tier))
                    check(fill_of(cell) == GROUP_COLOURS[tier], what + ": group cell colour %r" % fill_of(cell))
                elif it["tool"] == "OIT" and f["score"] is not None and sub is None:
                    met = f["score"] == 100
                    check(row[c0 + 9] == t["met" if met else "not_met"], what + ": %r" % row[c0 + 9])
                    check(fill_of(cell) == GROUP_COLOURS["maintain" if met else "urgent"], what + ": colour")
                else:
                    check(row[c0 + 9] is None, what + ": group %r where the JSON has none" % row[c0 + 9])
            order = ["maintain", "improve", "urgent"]
            w = max(tiers, key=order.index) if tiers else None
            if it["tool"] == "OIT" and it["score"] is not None and it["score"] != 100:
                w = "not_met"
            worst[(r["agency"], it["code"])] = w
    check(k == len(items), "Items: %d rows, expected %d" % (len(items), k))
    check(s[1].auto_filter.ref == "A1:%s%d" % ("JK"[c0], len(items) + 1), "Items: autofilter %r" % s[1].auto_filter.ref)
    # Groups: the codes of each group by tool, as in the JSON tiers
    for r in j["reports"]:
        tool_of = {it["code"]: it["tool"] for it in r["items"]}
        for tier in ("maintain", "improve", "urgent"):
            for tool in ("IIT", "EIT"):
                want = [c for c in r["tiers"][tier] if tool_of[c] == tool]
                got = [g for g in groups if (not c0 or g[0] == r["agency"]) and g[c0] == t["tier_" + tier] and g[c0 + 1] == tool]
                if check(len(got) == 1, "Groups %s %s %s: %d rows" % (r["agency"], tier, tool, len(got))):
                    check(got[0][c0 + 2] == len(want) and (got[0][c0 + 3] or "").split() == want,
                          "Groups %s %s %s: %r, JSON %r" % (r["agency"], tier, tool, got[0][c0 + 2:], want))
    # Measures: a row for every item in improve or urgent (itself or a sub-question), every OIT item not met
    want = sorted((a, c) for (a, c), w in worst.items() if w in ("improve", "urgent", "not_met"))
    got = sorted(((m[0] if c0 else j["reports"][0]["agency"]), m[c0]) for m in measures)
    check(got == want, "Measures: items %r, expected %r" % (got, want))
    for m in measures:
        check(all(v is None for v in m[c0 + 3:c0 + 7]), "Measures %r: columns to fill in are not empty" % m[c0])


def test_report():
    example = os.path.join(WORK, "example.csv")
    lines = open(os.path.join(DATA, "examples", "tceb-2565.csv"), encoding="utf-8").read().splitlines()
    open(example, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    # a second agency: the same scores under another name, without its 2564 rows
    head, body = lines[0], lines[1:]
    name = body[0].split(",")[0]
    other = [l.replace(name, "หน่วยงานทดสอบ", 1) for l in body if ",2564," not in l]
    multi = os.path.join(WORK, "multi.csv")
    open(multi, "w", encoding="utf-8").write("\n".join([head] + body + other) + "\n")
    for lang in ("en", "th"):
        wb, _ = book(["report", "--lang", lang, example], "r-%s.xlsx" % lang)
        check_headers(wb, REPORT_SHEETS[lang], REPORT_HEADERS[lang], lang, "report")
        check_report(wb, js(["report", "--lang", lang, example]), lang, 0)
        wb, _ = book(["report", "--lang", lang, multi], "m-%s.xlsx" % lang)
        check_headers(wb, REPORT_SHEETS[lang], REPORT_HEADERS[lang], lang, "report of two agencies", True)
        j = js(["report", "--lang", lang, multi])
        check(len(j["reports"]) == 2, "two agencies expected")
        check_report(wb, j, lang, 1)
    # -o DIR/: one workbook per agency, each as the report of that agency alone
    out = os.path.join(WORK, "dir") + "/"
    ok(["report", "-f", "xlsx", "--lang", "en", "-o", out, multi])
    files = sorted(os.listdir(out))
    check(len(files) == 2 and all(f.endswith(".xlsx") for f in files), "-o DIR/: %r" % files)
    for f in files:
        wb = openpyxl.load_workbook(os.path.join(out, f))
        agency = rows(wb.worksheets[1])[1] and None
        j = js(["report", "--lang", "en", "--agency", "หน่วยงานทดสอบ" if "หน่วยงานทดสอบ" in f else name, multi])
        check_report(wb, j, "en", 0)
    # --measures: the officer's rows in the Measures sheet
    meas = os.path.join(WORK, "measures.csv")
    open(meas, "w", encoding="utf-8").write("item,measure,method,period,owner\nI20,Train the staff,Workshop,Q1,HR\nI20,Write a manual,,Q2,Admin\n")
    wb, _ = book(["report", "--lang", "en", "--measures", meas, example], "meas.xlsx")
    got = [r for r in rows(wb["Measures"])[1:] if r[0] == "I20"]
    check([r[3:] for r in got] == [["Train the staff", "Workshop", "Q1", "HR"], ["Write a manual", None, "Q2", "Admin"]],
          "--measures: I20 rows %r" % got)
    return example


def TERMINAL_COMMANDS(example):
    return [["report", "-f", "xlsx", example], ["rank", "-f", "xlsx", example],
            ["plan", "-f", "xlsx", "--target", "98", example], ["template", "--year", "2566", "-f", "xlsx"]]


def test_output(example):
    """Byte-identical reruns (another time, another TZ), SOURCE_DATE_EPOCH, pipes, terminals."""
    a = os.path.join(WORK, "d1.xlsx")
    b = os.path.join(WORK, "d2.xlsx")
    ok(["report", "-f", "xlsx", "-o", a, example])
    time.sleep(1.1)
    ok(["report", "-f", "xlsx", "-o", b, example], dict(ENV, TZ="Asia/Bangkok"))
    check(open(a, "rb").read() == open(b, "rb").read(), "two runs of report -f xlsx differ")
    z = zipfile.ZipFile(a)
    check(all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist()), "zip entries carry a date other than 1980-01-01")
    core = z.read("docProps/core.xml").decode()
    check("1980-01-01T00:00:00Z" in core, "core.xml: default date missing: " + core)
    ok(["report", "-f", "xlsx", "-o", b, example], dict(ENV, SOURCE_DATE_EPOCH="1700000000"))
    core = zipfile.ZipFile(b).read("docProps/core.xml").decode()
    check("2023-11-14T22:13:20Z" in core, "core.xml does not follow SOURCE_DATE_EPOCH: " + core)
    rc, _, err = run(["report", "-f", "xlsx", "-o", b, example], dict(ENV, SOURCE_DATE_EPOCH="yesterday"))
    check(rc == 2 and "SOURCE_DATE_EPOCH" in err, "SOURCE_DATE_EPOCH=yesterday: exit %d %s" % (rc, err))
    # to a pipe: the same bytes
    rc, out, err = run(["report", "-f", "xlsx", example])
    check(rc == 0 and out == open(a, "rb").read(), "report -f xlsx to a pipe: exit %d, %d bytes, %s" % (rc, len(out), err))
    # to a terminal: refused with a hint, exit 2, nothing written
    for cmd in TERMINAL_COMMANDS(example):
        master, slave = pty.openpty()
        rc, _, err = run(cmd, stdout=slave)
        os.close(slave)
        os.close(master)
        check(rc == 2 and "-o" in err and "terminal" in err, "%s to a terminal: exit %d, %r" % (cmd[0], rc, err))
    # other commands refuse the format
    rc, _, err = run(["check", "-f", "xlsx", example])
    check(rc == 2 and "check writes text or json" in err, "check -f xlsx: exit %d %r" % (rc, err))
    # a file that cannot be written: exit 4, no temporary file left
    rc, _, err = run(["report", "-f", "xlsx", "-o", os.path.join(WORK, "no-such-dir", "r.xlsx"), example])
    check(rc == 4 and "no-such-dir" in err, "-o into a missing folder: exit %d %r" % (rc, err))
    left = [f for f in os.listdir(WORK) if ".tmp." in f] + os.listdir(TMPDIR)
    check(left == [], "temporary files left: %r" % left)


RANK_SHEETS = {"en": ["Ranking", "Statistics", "Distribution", "Movers", "By group", "Ranks in groups", "Notes"],
               "th": ["อันดับ", "สถิติ", "การกระจาย", "คะแนนเปลี่ยนมากที่สุด", "ตามกลุ่ม", "อันดับในกลุ่ม", "หมายเหตุ"]}
RANK_HEADERS = {
    "en": {"Ranking": ["Rank", "Agency", "province", "Overall score", "Level", "Pass", "IIT", "EIT", "OIT", "Indicator 1"],
           "Statistics": ["Code", "Name", "Agencies", "Mean", "Median", "25th percentile", "75th percentile", "Min", "Max",
                          "Passed", "Pass rate"],
           "Distribution": ["Level", "Agencies"],
           "Movers": ["Kind", "Rank", "Agency", "Overall score", "Previous", "Change"],
           "By group": ["province", "Agencies", "Mean", "Median"],
           "Ranks in groups": ["province", "Rank in group", "Rank", "Agency", "Overall score", "Level"]},
    "th": {"อันดับ": ["อันดับ", "หน่วยงาน", "province", "คะแนนภาพรวม", "ระดับผล", "ผลการผ่านเกณฑ์", "IIT", "EIT", "OIT",
                      "ตัวชี้วัดที่ 1"],
           "สถิติ": ["รหัส", "ชื่อ"],
           "การกระจาย": ["ระดับผล"],
           "อันดับในกลุ่ม": ["province", "อันดับในกลุ่ม", "อันดับ", "หน่วยงาน"]},
}


def band_name(year, english, lang):
    """The grade or level of the year's framework named `english` in the JSON, in lang."""
    fw = json.load(open(os.path.join(DATA, "frameworks", "ita-%d.json" % year), encoding="utf-8"))
    for band in fw["rating"].get("levels") or fw["rating"].get("grades") or []:
        if band.get("name_en", band.get("name")) == english:
            return band.get("name_" + lang, english)
    return english


def national_file():
    """150 generated agencies over two years, with a province column."""
    national = os.path.join(WORK, "national.csv")
    if not os.path.exists(national):
        with open(national, "wb") as f:
            subprocess.run([GEN, "--agencies", "150", "--years", "2"], stdout=f, check=True)
    return national


def test_more_rank(example):
    national = national_file()
    for lang in ("en", "th"):
        args = ["rank", "--lang", lang, "--by", "province", national]
        wb, path = book(args, "rank-%s.xlsx" % lang)
        j = js(args)
        check_headers(wb, RANK_SHEETS[lang], RANK_HEADERS[lang], lang, "rank")
        ws = wb.worksheets
        ranking = rows(ws[0])[1:]
        check(len(ranking) == len(j["agencies"]) == j["count"], "Ranking: %d rows for %d agencies" % (len(ranking), j["count"]))
        for row, a in zip(ranking, j["agencies"]):
            what = "Ranking %s" % a["agency"]
            check(row[:3] == [a["rank"], a["agency"], a["attributes"]["province"]], what + ": %r" % row[:3])
            same_number(row[3], a["score"], what + " score")
            check(row[4] == band_name(j["year"], a["grade"], lang), what + ": band %r" % row[4])
            check(row[5] == TEXTS[lang]["pass" if a["pass"] else "fail"], what + ": pass %r" % row[5])
            for k, code in enumerate(("IIT", "EIT", "OIT")):
                same_number(row[6 + k], a["tools"][code], what + " " + code)
            for k, v in enumerate(a["indicators"]):
                same_number(row[9 + k], v, what + " indicator %d" % (k + 1))
            n = 9 + len(a["indicators"])
            same_number(row[n + 1], a["previous"], what + " previous")
            same_number(row[n + 2], a["delta"], what + " change")
        check(ws[0].auto_filter.ref is not None, "Ranking: no autofilter")
        stats = rows(ws[1])[1:]
        figs = [j["overall"]] + j["tools"] + j["indicators"]
        check(len(stats) == len(figs), "Statistics: %d rows" % len(stats))
        for row, f in zip(stats, figs):
            check(row[2] == f["count"], "Statistics %r: count %r" % (row[0], row[2]))
            for k, key in enumerate(("mean", "median", "p25", "p75", "min", "max")):
                same_number(row[3 + k], f[key], "Statistics %r %s" % (row[0], key))
        same_number(stats[0][10], j["pass_rate"], "Statistics: pass rate")
        dist = rows(ws[2])[1:]
        check({r[0]: r[1] for r in dist} == {band_name(j["year"], k, lang): v for k, v in j["distribution"].items()},
              "Distribution %r, JSON %r" % (dist, j["distribution"]))
        check(len(ws[2]._charts) == 1, "Distribution: no chart")
        z = zipfile.ZipFile(path)
        chart = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        check(len(chart) == 1 and b"<c:barChart>" in z.read(chart[0]), "Distribution: no native bar chart in the file")
        mv = rows(ws[3])[1:]
        want = [(TEXTS[lang]["xlsx_gain"], m) for m in j["movers"]["gains"]] + [(TEXTS[lang]["xlsx_drop"], m) for m in j["movers"]["drops"]]
        check(len(mv) == len(want), "Movers: %d rows, JSON %d" % (len(mv), len(want)))
        for row, (kind, m) in zip(mv, want):
            check(row[0] == kind and row[2] == m["agency"], "Movers: %r" % row[:3])
            same_number(row[5], m["delta"], "Movers %s change" % m["agency"])
        groups = rows(ws[4])[1:]
        check([g[0] for g in groups] == [g["value"] for g in j["groups"]], "By group: groups differ")
        for row, g in zip(groups, j["groups"]):
            check(row[1] == g["count"], "By group %s: count" % g["value"])
            same_number(row[2], g["mean"], "By group %s mean" % g["value"])
            same_number(row[3], g["median"], "By group %s median" % g["value"])
            same_number(row[9], g["pass_rate"], "By group %s pass rate" % g["value"])
        ranks = rows(ws[5])[1:]
        by_name = {a["agency"]: a for a in j["agencies"]}
        check(len(ranks) == len(j["agencies"]), "Ranks in groups: %d rows" % len(ranks))
        for row in ranks:
            a = by_name.get(row[3])
            check(a is not None and row[1] == a["group_rank"] and row[2] == a["rank"]
                  and row[0] == a["attributes"]["province"], "Ranks in groups: %r" % row)
    # rank without --by: no group sheets
    wb, _ = book(["rank", "--lang", "en", national], "rank-plain.xlsx")
    check(wb.sheetnames == ["Ranking", "Statistics", "Distribution", "Movers", "Notes"], "rank: sheets %r" % wb.sheetnames)


PLAN_SHEETS = {"en": ["Plan", "Alone", "Even", "Cheapest"], "th": ["แผน", "ยกทีละตัวชี้วัด", "ยกให้เท่ากัน", "ยกน้อยที่สุด"]}
PLAN_HEADERS = {
    "en": {"Plan": ["Agency", "Fiscal year", "Target", "Target score", "Current overall score", None, "Gap",
                    "From the indicators", "Status", "Even: level", "Even: points of raise", "Cheapest: points of raise"],
           "Alone": ["Agency", "#", "Indicator", "Tool", "Weight", "Score", "Needs", "Raise", "Note"],
           "Even": ["Agency", "#", "Indicator", "Tool", "Weight", "Score", "To", "Raise", "Note"],
           "Cheapest": ["Agency", "#", "Indicator", "Tool", "Weight", "Score", "To", "Raise", "Note"]},
    "th": {"แผน": ["หน่วยงาน", "ปีงบประมาณ"], "ยกทีละตัวชี้วัด": ["หน่วยงาน"]},
}


def test_more_plan(example):
    national = national_file()
    for lang, target, src in (("en", "98", example), ("th", "ผ่านดีเยี่ยม", national), ("en", "Good", national)):
        args = ["plan", "--lang", lang, "--target", target, src]
        wb, _ = book(args, "plan.xlsx")
        j = js(args)
        check_headers(wb, PLAN_SHEETS[lang], PLAN_HEADERS[lang], lang, "plan")
        summary = rows(wb.worksheets[0])[1:]
        check(len(summary) == len(j["plans"]), "Plan: %d rows for %d plans" % (len(summary), len(j["plans"])))
        alone, even, cheapest = (rows(ws)[1:] for ws in wb.worksheets[1:])
        want_alone, want_even, want_cheap = [], [], []
        for row, p in zip(summary, j["plans"]):
            what = "Plan %s" % p["agency"]
            check(row[0] == p["agency"] and row[1] == p["year"], what + ": %r" % row[:2])
            same_number(row[3], p["target"]["score"], what + " target")
            same_number(row[4], p["current"], what + " current")
            same_number(row[6], p["gap"], what + " gap")
            same_number(row[7], p["from_indicators"], what + " from the indicators")
            planned = p["complete"] and not p["met"]
            same_number(row[9], p["even"]["level"] if planned and p["even"] else None, what + " even level")
            same_number(row[10], p["even"]["total"] if planned and p["even"] else None, what + " even total")
            same_number(row[11], p["cheapest"]["total"] if planned and p["cheapest"] else None, what + " cheapest total")
            if not planned:
                continue
            for ind in p["indicators"]:
                want_alone.append((p["agency"], ind["number"], ind["weight"], ind["score"], ind["alone"]))
            for plan, out in ((p["even"], want_even), (p["cheapest"], want_cheap)):
                for r in (plan or {"raises": []})["raises"]:
                    out.append((p["agency"], r["number"], r["from"], r["to"], r["raise"]))
        got_alone = [(r[0], r[1], r[4], r[5], r[6]) for r in alone]
        check(len(got_alone) == len(want_alone), "Alone: %d rows, JSON %d" % (len(got_alone), len(want_alone)))
        for g, w in zip(got_alone, want_alone):
            check(g[:2] == w[:2], "Alone: %r, JSON %r" % (g, w))
            for k in (2, 3, 4):
                same_number(g[k], w[k], "Alone %s %s" % w[:2])
        for name, got, want in (("Even", even, want_even), ("Cheapest", cheapest, want_cheap)):
            got = [(r[0], r[1], r[5], r[6], r[7]) for r in got if r[1] is not None]
            check(len(got) == len(want), "%s: %d rows, JSON %d" % (name, len(got), len(want)))
            for g, w in zip(got, want):
                check(g[:2] == w[:2], "%s: %r, JSON %r" % (name, g, w))
                for k in (2, 3, 4):
                    same_number(g[k], w[k], "%s %s %s" % ((name,) + w[:2]))


def test_more_template(example):
    for lang, year in (("th", "2565"), ("en", "2566"), ("th", "2569")):
        args = ["template", "--year", year] + (["--lang", "en"] if lang == "en" else [])
        path = os.path.join(WORK, "t.xlsx")
        ok(args + ["-f", "xlsx", "-o", path])
        wb = openpyxl.load_workbook(path)
        csv_rows = [l.split(",", 6) for l in ok(args).decode().splitlines()]
        ws = wb.worksheets[0]
        check(wb.sheetnames == [{"th": "กรอกคะแนน", "en": "Scores"}[lang]], "template: sheets %r" % wb.sheetnames)
        got = rows(ws)
        check(got[0] == csv_rows[0], "template: header %r, CSV %r" % (got[0], csv_rows[0]))
        check(len(got) == len(csv_rows), "template: %d rows, CSV %d" % (len(got), len(csv_rows)))
        for g, c in zip(got[1:], csv_rows[1:]):
            label = c[6][1:-1].replace('""', '"') if c[6].startswith('"') else c[6]
            as_csv = ["" if v is None else str(v) for v in g[:6]] + [g[6]]
            check(as_csv == c[:6] + [label], "template row %r, CSV %r" % (g, c))
        check(ws.protection.sheet and not ws.protection.password, "template: the sheet is not protected, or has a password")
        check(ws.freeze_panes == "A2", "template: header not frozen")
        oit = {c[3] for c in csv_rows[1:] if c[3].startswith("O") and c[4] == ""}
        dvs = ws.data_validations.dataValidation
        kinds = {}
        for dv in dvs:
            for rng in dv.sqref.ranges:
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        kinds[ws.cell(row=r, column=c).coordinate] = dv
        for n, c in enumerate(csv_rows[1:], start=2):
            dv = kinds.get("F%d" % n)
            what = "template %s row %d (%s)" % (year, n, c[3] or c[2] or "overall")
            if not check(dv is not None, what + ": score cell without validation"):
                continue
            if c[3] in oit and c[4] == "":
                check(dv.type == "list" and dv.formula1 == '"0,100"', what + ": OIT item not a list of 0 and 100")
            else:
                check(dv.type == "decimal" and dv.formula1 == "0" and dv.formula2 == "100", what + ": not a decimal 0-100")
            check(bool(dv.prompt) and dv.showInputMessage, what + ": no input message")
            if lang == "th":
                check(any("\u0e00" <= ch <= "\u0e7f" for ch in dv.prompt), what + ": the input message is not Thai")
            check(not ws["F%d" % n].protection.locked and not ws["A%d" % n].protection.locked,
                  what + ": agency or score cell locked")
            check(ws["G%d" % n].protection.locked and ws["B%d" % n].protection.locked, what + ": label cell unlocked")
        widest = max(len(c[6]) for c in csv_rows[1:])
        check(ws.column_dimensions["G"].width >= min(widest, 60), "template: label column %r narrower than its text"
              % ws.column_dimensions["G"].width)


def test_more_roundtrip(example):
    """The template of 2565 filled in by openpyxl with the example's 2565 scores,
    read back by ita, gives the JSON report of the same scores as a tidy CSV, byte
    for byte. A workbook made by openpyxl alone is read first, so that a failure
    says whether the reader or the template is at fault."""
    probe = os.path.join(WORK, "probe.xlsx")
    pb = openpyxl.Workbook()
    pb.active.append(["agency", "year", "indicator", "score"])
    pb.active.append(["A", 2565, 1, 90])
    pb.save(probe)
    rc, _, err = run(["check", probe])
    if not check(rc == 0, "round trip: ita does not read a workbook made by openpyxl: exit %d: %s" % (rc, err)):
        return
    lines = open(example, encoding="utf-8").read().splitlines()
    tidy = [lines[0]] + [l for l in lines[1:] if l.split(",")[1] == "2565"]
    tidy_path = os.path.join(WORK, "tidy-2565.csv")
    open(tidy_path, "w", encoding="utf-8").write("\n".join(tidy) + "\n")
    scores = {}
    for l in tidy[1:]:
        f = l.split(",")
        scores[(f[2], f[3], f[4])] = (f[0], f[5])
    template = os.path.join(WORK, "template-2565.xlsx")
    ok(["template", "--year", "2565", "-f", "xlsx", "-o", template])
    wb = openpyxl.load_workbook(template)
    ws = wb.worksheets[0]
    empty = []
    for n in range(2, ws.max_row + 1):
        key = tuple("" if ws.cell(row=n, column=c).value is None else str(ws.cell(row=n, column=c).value)
                    for c in (3, 4, 5))
        if key in scores:
            agency, score = scores.pop(key)
            ws.cell(row=n, column=1).value = agency
            ws.cell(row=n, column=6).value = float(score)
        else:
            empty.append(n)
    check(not scores, "round trip: scores with no row in the template: %r" % sorted(scores)[:5])
    for n in reversed(empty):  # rows without a score are deleted, as for the CSV template
        ws.delete_rows(n)
    filled = os.path.join(WORK, "filled.xlsx")
    wb.save(filled)
    for lang in ("th", "en"):
        rc1, via_xlsx, err1 = run(["report", "-f", "json", "--lang", lang, filled])
        rc2, via_csv, err2 = run(["report", "-f", "json", "--lang", lang, tidy_path])
        check(rc1 == 0 and rc2 == 0, "round trip (%s): exit %d (workbook) %d (CSV): %s %s" % (lang, rc1, rc2, err1, err2))
        check(via_xlsx == via_csv, "round trip (%s): the filled template reports otherwise than the tidy CSV" % lang)
    print("round trip: the filled template gives the CSV route's JSON report byte for byte")


def main():
    example = test_report()
    test_output(example)
    for name in sorted(globals()):
        if name.startswith("test_more_"):
            globals()[name](example)
    if FAILURES:
        print("%d failures" % len(FAILURES))
        sys.exit(1)
    print("xlsx: all workbooks read back and agree with the JSON")


main()
