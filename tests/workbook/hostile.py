#!/usr/bin/python3
"""Writes the workbooks of the bad-input battery (tests/bad-input/xlsx-*.case),
part by part, with nothing but Python's standard library.

    hostile.py KIND OUT [--stored]

KIND is one of the names in KINDS below; each writes a small workbook holding
the bundled example's first rows, damaged or hostile in one way ("good" and
"score-cells" are whole). --stored writes the parts uncompressed: the seeds of
the fuzz target (fuzz/corpus/xlsx) are made so, that mutations reach the XML.

The kinds in MADE_BY_THE_BUILD take seconds to make: the build makes them once
(tests/bad-input.cmake), and where the environment names the directory it made
them in (ITA_TEST_INPUTS=DIR, which ctest sets for the bad-input battery), KIND
is copied from DIR/KIND.xlsx instead of made again.
"""
import io
import os
import shutil
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
             '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>' % (PKG, REL))
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="%s" xmlns:r="%s"><sheets>'
            '<sheet name="คะแนน" sheetId="1" r:id="rId1"/><sheet name="Notes" sheetId="2" r:id="rId2"/>'
            '</sheets></workbook>' % (MAIN, REL))
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="%s">'
                 '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/>'
                 '<Relationship Id="rId3" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>' % (PKG, REL, REL, REL))
STRINGS = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="%s">'
           '<si><t>year</t></si><si><t>item</t></si><si><t>score</t></si><si><t>I1</t></si>'
           '<si><t>I2</t></si><si><t>I3</t></si></sst>' % MAIN)


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, text)


def sheet(rows):
    return '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>%s</sheetData></worksheet>' % (
        MAIN, "".join(rows))


HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'


def row(r, item, score):
    return '<row r="%d"><c r="A%d"><v>2565</v></c><c r="B%d" t="s"><v>%d</v></c><c r="C%d">%s</c></row>' % (
        r, r, r, item, r, score)


GOOD = sheet([HEADER, row(2, 3, "<v>98.799999999999997</v>"), row(3, 4, "<v>99.36</v>")])
NOTES = sheet(['<row r="1">%s</row>' % inline("A1", "notes")])


COMPRESSION = zipfile.ZIP_DEFLATED


def package(parts, mimetype=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", COMPRESSION) as z:
        if mimetype is not None:
            z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        for name, text in parts:
            z.writestr(name, text)
    return out.getvalue()


def workbook(sheet1=GOOD, strings=STRINGS, drop=()):
    parts = [("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
             ("xl/worksheets/sheet1.xml", sheet1), ("xl/worksheets/sheet2.xml", NOTES),
             ("xl/sharedStrings.xml", strings)]
    return package([p for p in parts if p[0] not in drop])


def compound(names):
    """The first 1536 bytes of a compound file (OLE2): its header, then one
    directory sector holding entries with these names (UTF-16LE, 128 bytes each)."""
    head = bytearray(512)
    head[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    head[0x18:0x1C] = bytes.fromhex("3E000300")   # minor and major version 3
    head[0x1C:0x1E] = bytes.fromhex("FEFF")       # little-endian
    head[0x1E:0x20] = bytes.fromhex("0900")       # 512-byte sectors
    directory = bytearray()
    for name in ["Root Entry"] + names:
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[0:len(encoded)] = encoded
        entry[64:66] = len(encoded).to_bytes(2, "little")
        directory += entry
    return bytes(head) + bytes(directory) + bytes(1536 - 512 - len(directory))


def bomb():
    # 64 MiB of one repeated row: about 1,000 times smaller once deflated
    big = HEADER + '<row><c><v>1</v></c></row>' * (64 * 1024 * 1024 // 26)
    return workbook(sheet1=sheet([big]))


def laughs():
    doctype = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
               + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9))
               + ']><sst xmlns="%s"><si><t>&j;</t></si></sst>' % MAIN)
    return workbook(strings=doctype)


def million():
    # 1,048,576 rows, Excel's last: the header, then 33,334 agencies of 30 items, the last one wrong
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/worksheets/sheet2.xml", NOTES),
                           ("xl/sharedStrings.xml", STRINGS)]:
            z.writestr(name, text)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=False) as f:
            f.write(('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="%s"><sheetData>' % MAIN).encode())
            f.write(('<row r="1">%s%s%s%s</row>' % (inline("A1", "agency"), inline("B1", "year"),
                                                    inline("C1", "item"), inline("D1", "score"))).encode())
            chunk = []
            for i in range(2, 1048577):
                k = i - 2
                item = "I31" if i == 1048576 else "I%d" % (k % 30 + 1)
                chunk.append('<row r="%d"><c r="A%d" t="inlineStr"><is><t>agency %d</t></is></c><c r="B%d"><v>2565</v></c>'
                             '<c r="C%d" t="inlineStr"><is><t>%s</t></is></c><c r="D%d"><v>%d.%02d</v></c></row>'
                             % (i, i, k // 30, i, i, item, i, 90 + k % 10, k % 100))
                if len(chunk) == 10000:
                    f.write("".join(chunk).encode())
                    chunk = []
            f.write("".join(chunk).encode())
            f.write(b"</sheetData></worksheet>")
    return out.getvalue()


KINDS = {
    "good": lambda: workbook(),
    "zip-bomb": bomb,
    "entities": laughs,
    "missing-sheet-part": lambda: workbook(drop=("xl/worksheets/sheet1.xml",)),
    "missing-workbook-part": lambda: workbook(drop=("xl/workbook.xml",)),
    "malformed-xml": lambda: workbook(sheet1=GOOD[:GOOD.index("<row r=\"3\"") + 14]),
    "truncated": lambda: workbook()[:700],
    "encrypted": lambda: compound(["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"]),
    "xls": lambda: compound(["Workbook", "\x05SummaryInformation"]),
    "ods": lambda: package([("content.xml", "<office:document-content/>")],
                           mimetype="application/vnd.oasis.opendocument.spreadsheet"),
    "million-rows": million,
    "score-cells": lambda: workbook(sheet1=sheet([
        HEADER, row(2, 3, "<v>97.0392</v>"),
        '<row r="3"><c r="A3"><v>2565</v></c><c r="B3" t="s"><v>4</v></c><c r="C3" t="e"><v>#DIV/0!</v></c></row>',
        '<row r="4"><c r="A4"><v>2565</v></c><c r="B4" t="s"><v>5</v></c><c r="C4" t="b"><v>1</v></c></row>',
        '<row r="5"><c r="A5"><v>2565</v></c><c r="B5" t="s"><v>3</v></c><c r="C5"><f>AVERAGE(D2:D9)</f></c></row>',
        row(6, 4, "<v>99.359999999999999</v>")])),
}

MADE_BY_THE_BUILD = ["million-rows", "zip-bomb"]

if __name__ == "__main__":
    if len(sys.argv) not in (3, 4) or sys.argv[1] not in KINDS or sys.argv[3:] not in ([], ["--stored"]):
        sys.exit("usage: hostile.py KIND OUT [--stored]   (KIND: %s)" % ", ".join(KINDS))
    made = os.path.join(os.environ.get("ITA_TEST_INPUTS", ""), sys.argv[1] + ".xlsx")
    if sys.argv[1] in MADE_BY_THE_BUILD and sys.argv[3:] == [] and "ITA_TEST_INPUTS" in os.environ:
        shutil.copyfile(made, sys.argv[2])
        sys.exit(0)
    if sys.argv[3:] == ["--stored"]:
        COMPRESSION = zipfile.ZIP_STORED
    with open(sys.argv[2], "wb") as out:
        out.write(KINDS[sys.argv[1]]())
