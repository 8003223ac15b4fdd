"""Pages of a PDF through PDFium (pypdfium2): every character with its box and size,
and the ruling segments of the page's drawing.

PDFium is one self-contained native library: it reads a page 5-8 times faster than
pdfminer's pure-Python interpreter (what pdfplumber uses), and the report renders its
crops from the same library. The raw API is used where the helpers fall short:

- ``FPDFText_GetFontSize`` ignores the text matrix (WPS writes size 209 and scales it
  by 0.05), so the size is that times |(c, d)| of ``FPDFText_GetMatrix``;
- the loose box is taller than the glyph, so a box is rebuilt as bottom = the
  descent line and height = the size, the geometry pdfminer gives;
- ``FPDFText_GetCharAngle`` reports synthetic italics (a skewed matrix) as rotated;
  rotation is told from the matrix's b term instead, so italic figures are kept and
  rotated watermarks dropped;
- rulings need the path API: draw mode, colours, and segments inside nested form
  XObjects with their matrices composed.
"""

from __future__ import annotations

import ctypes
import math
from typing import Iterator, Optional

import pypdfium2 as pdfium
import pypdfium2.raw as R

from budgetlint.core.i18n import phrase
from budgetlint.ingest.pdf.model import Ch, PageModel, PdfError, Segment

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# A path with more segments than this is artwork (a chart, a logo), not a ruling.
MAX_PATH_SEGMENTS = 5000
MAX_FORM_DEPTH = 8
# Rulings drawn as filled rectangles (Word and WPS do) are at most this thick; larger
# fills are shading.
RULING_THICKNESS = 3.0


def open_pdf(path: str, password: Optional[str] = None) -> pdfium.PdfDocument:
    """The document, or a ``PdfError`` saying in one line why it cannot be read."""
    try:
        doc = pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfError(phrase("error.pdf-encrypted")) from None
        raise PdfError(phrase("error.pdf-corrupt", why=str(exc)[:300])) from None
    except Exception as exc:  # noqa: BLE001 - whatever the binding raises is this file's error
        raise PdfError(phrase("error.pdf-unreadable", why=f"{type(exc).__name__}: {exc}"[:300])) from None
    if len(doc) == 0:
        doc.close()
        raise PdfError(phrase("error.pdf-no-pages"))
    return doc


def rect_edges(x0, top, x1, bottom, stroked: bool, filled: bool, out_h: list, out_v: list) -> None:
    """A dark rectangle as ruling segments: a stroked one gives its four edges, a thin
    filled one the line it draws; a larger fill is shading and gives none."""
    w, h = x1 - x0, bottom - top
    if stroked:
        out_h.extend(((top, x0, x1), (bottom, x0, x1)))
        out_v.extend(((x0, top, bottom), (x1, top, bottom)))
    elif filled:
        if h <= RULING_THICKNESS and w > h:
            out_h.append(((top + bottom) / 2, x0, x1))
        elif w <= RULING_THICKNESS and h > w:
            out_v.append(((x0 + x1) / 2, top, bottom))


def line_edge(x0, top, x1, bottom, out_h: list, out_v: list) -> None:
    if abs(bottom - top) <= 1.0 and x1 - x0 > 1.0:
        out_h.append(((top + bottom) / 2, x0, x1))
    elif abs(x1 - x0) <= 1.0 and bottom - top > 1.0:
        out_v.append(((x0 + x1) / 2, top, bottom))


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
    """``m1`` then ``m2``."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


class _PageReader:
    """Reads pages of one open document; keeps the ctypes out-parameters it reuses."""

    def __init__(self):
        self.fx, self.fy = ctypes.c_float(), ctypes.c_float()
        self.fill_mode, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.matrix = R.FS_MATRIX()
        self.rect = R.FS_RECTF()

    def page(self, page, number: int) -> PageModel:
        left, bottom, right, top = page.get_bbox()
        textpage = page.get_textpage()
        try:
            chars = self._chars(textpage.raw, left, top)
        finally:
            textpage.close()
        hseg: list[Segment] = []
        vseg: list[Segment] = []
        images = self._walk(page.raw, False, _IDENTITY, hseg, vseg, left, top, 0)
        return PageModel(number, right - left, top - bottom, chars, hseg, vseg, images)

    def _chars(self, tp, left: float, top: float) -> list[Ch]:
        chars = []
        rect, tm = self.rect, self.matrix
        for j in range(R.FPDFText_CountChars(tp)):
            if R.FPDFText_IsGenerated(tp, j) == 1:
                continue  # spaces and line breaks PDFium made up
            code = R.FPDFText_GetUnicode(tp, j)
            if code in (0, 0xFFFE, 0xFEFF, 0x0D, 0x0A) or code > 0x10FFFF:
                continue
            if not R.FPDFText_GetLooseCharBox(tp, j, rect):
                continue
            if R.FPDFText_GetMatrix(tp, j, tm) and (abs(tm.b) > 0.05 * abs(tm.a) or tm.a <= 0):
                continue  # rotated: watermarks, vertical stamps
            size = R.FPDFText_GetFontSize(tp, j) * math.hypot(tm.c, tm.d)
            if not size or size <= 0:
                size = rect.top - rect.bottom
            base = top - rect.bottom
            chars.append(Ch(chr(code), rect.left - left, base - size, rect.right - left, base, size))
        return chars

    def _walk(self, container, is_form: bool, parent: Matrix, hseg, vseg, left, top, depth: int) -> int:
        """Rulings of every path, through nested forms; returns the number of images."""
        images = 0
        count = R.FPDFFormObj_CountObjects(container) if is_form else R.FPDFPage_CountObjects(container)
        for k in range(count):
            obj = R.FPDFFormObj_GetObject(container, k) if is_form else R.FPDFPage_GetObject(container, k)
            kind = R.FPDFPageObj_GetType(obj)
            if kind == R.FPDF_PAGEOBJ_PATH:
                self._path(obj, _mul(self._matrix(obj), parent), hseg, vseg, left, top)
            elif kind == R.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                images += self._walk(obj, True, _mul(self._matrix(obj), parent), hseg, vseg, left, top, depth + 1)
            elif kind == R.FPDF_PAGEOBJ_IMAGE:
                images += 1
        return images

    def _matrix(self, obj) -> Matrix:
        m = self.matrix
        if R.FPDFPageObj_GetMatrix(obj, m):
            return (m.a, m.b, m.c, m.d, m.e, m.f)
        return _IDENTITY

    def _dark(self, getter, obj) -> bool:
        r, g, b, a = self.rgba
        if not getter(obj, r, g, b, a):
            return True
        # White strokes and fills are not rulings: Word puts white boxes behind text.
        return min(r.value, g.value, b.value) < 230 and a.value != 0

    def _path(self, obj, m: Matrix, hseg, vseg, left, top) -> None:
        if not R.FPDFPath_GetDrawMode(obj, self.fill_mode, self.stroke):
            return
        filled = self.fill_mode.value != 0 and self._dark(R.FPDFPageObj_GetFillColor, obj)
        stroked = bool(self.stroke.value) and self._dark(R.FPDFPageObj_GetStrokeColor, obj)
        if not filled and not stroked:
            return
        count = R.FPDFPath_CountSegments(obj)
        if count <= 0 or count > MAX_PATH_SEGMENTS:
            return
        for points in self._subpaths(obj, m, count, left, top):
            if None in points:
                continue  # a curve is no ruling
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            axis_rect = len(points) >= 4 and all(
                abs(p[0] - q[0]) < 0.01 or abs(p[1] - q[1]) < 0.01 for p, q in zip(points, points[1:])
            )
            if filled and axis_rect and not stroked:
                rect_edges(min(xs), min(ys), max(xs), max(ys), False, True, hseg, vseg)
            elif stroked:
                for p, q in zip(points, points[1:]):
                    line_edge(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]), hseg, vseg)

    def _subpaths(self, obj, m: Matrix, count: int, left, top) -> list[list]:
        a, b, c, d, e, f = m
        fx, fy = self.fx, self.fy
        subpaths: list[list] = []
        cur: Optional[list] = None
        for i in range(count):
            seg = R.FPDFPath_GetPathSegment(obj, i)
            R.FPDFPathSegment_GetPoint(seg, fx, fy)
            kind = R.FPDFPathSegment_GetType(seg)
            x, y = fx.value, fy.value
            point = (a * x + c * y + e - left, top - (b * x + d * y + f))
            if kind == R.FPDF_SEGMENT_MOVETO or cur is None:
                cur = [point]
                subpaths.append(cur)
            else:
                if kind == R.FPDF_SEGMENT_BEZIERTO:
                    cur.append(None)
                cur.append(point)
            if R.FPDFPathSegment_GetClose(seg) and cur[0] is not None:
                cur.append(cur[0])
        return subpaths


def pages(doc: pdfium.PdfDocument) -> Iterator[PageModel]:
    """Each page's model in turn; a page is closed as soon as it is read, so memory
    stays flat whatever the length of the document."""
    reader = _PageReader()
    for i in range(len(doc)):
        try:
            page = doc[i]
        except Exception as exc:  # noqa: BLE001
            raise PdfError(phrase("error.pdf-page-load", page=i + 1, why=str(exc)[:300])) from None
        try:
            yield reader.page(page, i + 1)
        except PdfError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise PdfError(phrase("error.pdf-page-parse", page=i + 1, why=f"{type(exc).__name__}: {exc}"[:300])) from None
        finally:
            page.close()
