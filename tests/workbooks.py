"""XLSX files written part by part, so a test can make any workbook: a hostile one a
spreadsheet program would never save (a bomb, a lying dimension, rows out of order) stays a
few kilobytes on disk. Also a hand-made OLE2 compound file, as Excel saves an encrypted one.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OFFICE}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def cell(ref: str, value: str, kind: str = "inlineStr") -> str:
    """One cell's XML: inline text by default, else `<v>` with type `kind`."""
    if kind == "inlineStr":
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}" t="{kind}"><v>{escape(value)}</v></c>'


def rows_xml(rows: Iterable[Sequence[str]], first: int = 1) -> str:
    """Rows of inline text from row `first`, columns A, B, C..."""
    out = []
    for number, values in enumerate(rows, start=first):
        cells = "".join(cell(f"{chr(65 + i)}{number}", v) for i, v in enumerate(values) if v)
        out.append(f'<row r="{number}">{cells}</row>')
    return "".join(out)


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    """A worksheet part around `rows` (already XML), with a `dimension` when given."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dim}<sheetData>{rows}</sheetData></worksheet>'  # noqa: E501


def shared_xml(strings: Iterable[str]) -> str:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>'


def xlsx(
    sheet: str | bytes,
    *,
    shared: str | bytes | None = None,
    title: str = "Sheet1",
    extra: dict[str, str | bytes] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """The bytes of a workbook with one worksheet (`sheet`, its XML), shared strings when
    given, and any `extra` parts."""
    rels = [f'<Relationship Id="rId1" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/>']
    if shared is not None:
        rels.append(
            f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts: dict[str, str | bytes] = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
            f'xmlns:r="{DOC_RELS}"><sheets><sheet name="{escape(title)}" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
            + "".join(rels)
            + "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    parts.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def xlsx_rows(rows: Iterable[Sequence[str]], **options: object) -> bytes:
    """A workbook whose one sheet holds `rows` of inline text."""
    return xlsx(sheet_xml(rows_xml(rows)), **options)  # type: ignore[arg-type]


def ole2(stream_names: Sequence[str]) -> bytes:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) whose directory holds a
    root entry and empty streams named `stream_names`: the container Excel writes an
    encrypted workbook in has EncryptionInfo and EncryptedPackage."""
    free, end, fat_sector = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIII", 0, 1, 1, 0, 4096, end, 0, end) + struct.pack("<I", 0)
    header += struct.pack("<I", 0) + struct.pack("<108I", *[free] * 108)
    fat = struct.pack("<128I", fat_sector, end, *[free] * 126)

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, right, child)
            + b"\0" * 36
            + struct.pack("<III", end, 0, 0)
        )

    entries = [entry("Root Entry", 5, child=1 if stream_names else free)]
    for index, name in enumerate(stream_names, start=1):
        entries.append(entry(name, 2, right=index + 1 if index < len(stream_names) else free))
    directory = b"".join(entries).ljust(512, b"\0")
    assert len(header) == 512 and len(fat) == 512 and len(directory) == 512
    return header + fat + directory
