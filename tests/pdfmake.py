"""Small PDFs for the reader's unit tests, written with reportlab (its built-in CID
font STSong-Light prints Chinese without any font file).

Coordinates in the builders are top-down (``top`` from the top of the page), as the
reader reports them.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = A4

# The ruled table's column edges; column 2 (260-305) is narrow, so a figure wraps in it.
RULED_XS = [40, 100, 260, 305, 380, 460, 555]


def _y(top: float) -> float:
    return H - top


def unruled(path: Path) -> Path:
    """A two-sided 收支总表 with no rulings at all (empty cells, a total row) and a
    three-column table whose name cell wraps onto a second line."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 16)
    c.drawCentredString(W / 2, _y(70), "收支预算总表")
    c.setFont(FONT, 10.5)
    c.drawString(60, _y(100), "本表反映部门年度总体收支预算情况，表格没有任何框线。")
    c.drawRightString(540, _y(120), "单位：万元")
    rows = [("项目", "金额", "项目", "金额"),
            ("一、财政拨款", "2,752.50", "一、一般公共服务支出", "1,200.00"),
            ("二、事业收入", "", "二、社会保障和就业支出", "1,552.50"),
            ("三、其他收入", "80.00", "三、住房保障支出", ""),
            ("", "", "四、城乡社区支出", "80.00"),
            ("收入总计", "2,832.50", "支出总计", "2,832.50")]
    top = 145
    for r in rows:
        c.drawString(60, _y(top), r[0])
        if r[1]:
            c.drawRightString(280, _y(top), r[1])
        c.drawString(300, _y(top), r[2])
        if r[3]:
            c.drawRightString(540, _y(top), r[3])
        top += 20
    top += 30
    c.drawString(60, _y(top), "表二 支出明细")
    top += 25
    data = [("科目编码", "科目名称", "金额"), ("2010301", "行政运行", "512.30"),
            ("2010350", "事业运行（含下属单位的", "1,020.00"), (None, "运行经费）", None),
            ("2010399", "其他政府办公厅（室）及相关机构事务支出", "88.00")]
    for i, r in enumerate(data):
        if r[0]:
            c.drawString(60, _y(top), r[0])
        c.drawString(160, _y(top), r[1])
        if r[2]:
            c.drawRightString(540, _y(top), r[2])
        top += 12 if i + 1 < len(data) and data[i + 1][0] is None else 18
    c.drawString(60, _y(top + 20), "以上数据为示例，用于测试无框线表格的读取。")
    c.drawCentredString(W / 2, _y(800), "- 1 -")
    c.showPage()
    c.save()
    return path


def _header(c, top: float) -> float:
    xs, rh = RULED_XS, 18
    c.setLineWidth(0.6)
    c.line(xs[0], _y(top), xs[-1], _y(top))
    c.line(xs[2], _y(top + rh), xs[5], _y(top + rh))
    c.line(xs[0], _y(top + 2 * rh), xs[-1], _y(top + 2 * rh))
    for k, x in enumerate(xs):
        if k in (0, 1, 2, 5, 6):
            c.line(x, _y(top), x, _y(top + 2 * rh))
        else:
            c.line(x, _y(top + rh), x, _y(top + 2 * rh))
    c.setFont(FONT, 9)
    c.drawCentredString((xs[0] + xs[1]) / 2, _y(top + rh + 4), "科目编码")
    c.drawCentredString((xs[1] + xs[2]) / 2, _y(top + rh + 4), "科目名称")
    c.drawCentredString((xs[2] + xs[5]) / 2, _y(top + 13), "本年预算")
    c.drawCentredString((xs[5] + xs[6]) / 2, _y(top + rh + 4), "备注")
    for k, t in enumerate(["合计", "基本支出", "项目支出"]):
        c.drawCentredString((xs[2 + k] + xs[3 + k]) / 2, _y(top + rh + 13), t)
    return top + 2 * rh


def _row(c, top: float, cells, h: float = 18) -> float:
    xs = RULED_XS
    c.setFont(FONT, 9)
    for k, t in enumerate(cells):
        for i, s in enumerate(t if isinstance(t, list) else [t]):
            if not s:
                continue
            if 2 <= k <= 4:
                c.drawRightString(xs[k + 1] - 3, _y(top + 12 + i * 11), s)
            else:
                c.drawString(xs[k] + 3, _y(top + 12 + i * 11), s)
    c.line(xs[0], _y(top + h), xs[-1], _y(top + h))
    for x in xs:
        c.line(x, _y(top), x, _y(top + h))
    return top + h


def ruled(path: Path, title: str = "表5 一般公共预算支出情况表", extra_rows: int = 28, wrong: bool = False) -> Path:
    """A ruled table: a merged two-level header, a figure wrapped in a narrow cell, a
    wrapped name, empty cells; it runs over a page break and repeats its header there.
    A running header on both pages, a lone page number and one stuck to a word.
    ``wrong`` plants a row whose 合计 (12.00) is not 基本支出 + 项目支出 (10.00)."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 9)
    c.drawString(60, _y(40), "XX局2025年部门预算")
    c.setFont(FONT, 14)
    c.drawCentredString(W / 2, _y(70), title)
    top = _header(c, 90)
    top = _row(c, top, ["", "合计", "2,812.50", "", "2,812.50", ""])
    top = _row(c, top, ["201", "一般公共服务支出", ["2,752.", "50"], "", ["2,752.", "50"], ""], h=30)
    top = _row(c, top, ["2010301", ["机关事业单位基本养老保险", "缴费支出"], "312.00", "312.00", "", "含职业年金"], h=30)
    for i in range(extra_rows):
        total = "12.00" if wrong and i == 5 else "10.00"
        top = _row(c, top, [f"20199{i:02d}", f"其他支出{i}", total, "10.00", "", ""])
    c.setFont(FONT, 9)
    c.drawCentredString(W / 2, _y(810), "1")
    c.showPage()
    c.setFont(FONT, 9)
    c.drawString(60, _y(40), "XX局2025年部门预算")
    top = _header(c, 60)
    for i in range(3):
        top = _row(c, top, [f"20299{i:02d}", f"续表支出{i}", "5.00", "", "5.00", ""])
    c.setFont(FONT, 10.5)
    c.drawString(60, _y(top + 20), "注：本表为测试表。")
    c.setFont(FONT, 9)
    c.drawString(W / 2 - 5, _y(810), "2页脚文字")
    c.showPage()
    c.save()
    return path


def text_pages(path: Path, pages: list[list[str]], encrypt: str | None = None) -> Path:
    """Plain text lines, one list per page (``encrypt``: a user password)."""
    kwargs = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword="owner")
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    for lines in pages:
        c.setFont(FONT, 11)
        for i, text in enumerate(lines):
            c.drawString(60, _y(80 + 20 * i), text)
        c.showPage()
    c.save()
    return path


def scanned(path: Path) -> Path:
    """Two pages that are only a picture of text: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline=0, width=3)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(2):
        buf.seek(0)
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 50, 400, 400, 200)
        c.showPage()
    c.save()
    return path
