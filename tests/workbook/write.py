#!/usr/bin/python3
"""Writes a scores CSV as an Excel workbook with an independent writer.

    write.py WRITER IN.csv OUT.xlsx [--formulas] [--at CELL] [--sheet NAME]
    write.py interrupt IN.xlsx OUT.xlsx

WRITER is openpyxl (which writes strings inline), xlsxwriter (shared strings)
or xlsxwriter-inline (its constant-memory mode: inline strings, rows written as
they come). A field that is a plain decimal ("2565", "97.04") becomes a numeric cell
holding the binary double Excel would hold; any other non-empty field a string;
an empty field no cell. --formulas (xlsxwriter only) writes every third number
as a formula with its value stored, as Excel saves it. --at puts the table's
top-left corner elsewhere than A1 (rows and columns before it stay empty).
--sheet names the sheet (and an empty sheet named "Notes" comes first when the
name is not the first sheet's default).

interrupt copies a workbook with an XML comment in the middle of every XML part
(after the first end tag past its middle): the reader's fast scanner hands such
a part to expat there, which reads it again from the start.
"""
import csv
import re
import sys

NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def cells(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r, row in enumerate(csv.reader(f)):
            for c, text in enumerate(row):
                if text == "":
                    continue
                if r > 0 and NUMBER.match(text):
                    yield r, c, (int(text) if "." not in text else float(text)), text
                else:
                    yield r, c, text, None


def corner(ref):
    m = re.match(r"^([A-Z]+)([0-9]+)$", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def interrupt(src, out):
    import zipfile
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith((".xml", ".rels")):
                at = data.index(b">", data.index(b"</", len(data) // 2)) + 1
                data = data[:at] + b"<!-- the rest is read by expat -->" + data[at:]
            zout.writestr(info.filename, data)


def main(argv):
    writer, src, out = argv[1:4]
    if writer == "interrupt":
        interrupt(src, out)
        return
    opts = argv[4:]
    formulas = "--formulas" in opts
    r0, c0 = corner(opts[opts.index("--at") + 1]) if "--at" in opts else (0, 0)
    sheet = opts[opts.index("--sheet") + 1] if "--sheet" in opts else None
    if writer == "openpyxl":
        import openpyxl
        wb = openpyxl.Workbook()
        ws = wb.active
        if sheet:
            ws.title = "Notes"
            ws = wb.create_sheet(sheet)
        for r, c, value, _ in cells(src):
            ws.cell(row=r0 + r + 1, column=c0 + c + 1, value=value)
        wb.save(out)
    elif writer in ("xlsxwriter", "xlsxwriter-inline"):
        import xlsxwriter
        wb = xlsxwriter.Workbook(out, {"constant_memory": writer == "xlsxwriter-inline"})
        if sheet:
            wb.add_worksheet("Notes")
        ws = wb.add_worksheet(sheet)
        n = 0
        for r, c, value, text in cells(src):
            if isinstance(value, str):
                ws.write_string(r0 + r, c0 + c, value)
            elif formulas and n % 3 == 0:
                ws.write_formula(r0 + r, c0 + c, "=VALUE(\"%s\")" % text, None, value)
            else:
                ws.write_number(r0 + r, c0 + c, value)
            if not isinstance(value, str):
                n += 1
        wb.close()
    else:
        sys.exit("write.py: unknown writer " + writer)


if __name__ == "__main__":
    main(sys.argv)
