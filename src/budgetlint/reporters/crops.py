"""Crops of the printed page for the HTML report: one image per table region (or
paragraph) that findings stand in, rendered by PDFium, shared by those findings.

An image is the region in 8-bit grey as a PNG (zlib only: black-on-white tables
compress far better so than as JPEG, and stay sharp). The cells a finding is about
are boxed by the report itself (SVG rectangles over the shared image), so one image
serves every finding in its region. The crops of a report are capped in number and
bytes: a report of a hundred documents stays a file one can mail.
"""

from __future__ import annotations

import base64
import struct
import zlib
from dataclasses import dataclass
from typing import Optional

from budgetlint.core.finding import Box

SCALE = 1.5  # 108 dpi: 9-12 pt table text stays readable
PAD = 4.0  # points of margin around a region
MAX_CROPS = 40
MAX_BYTES = 6 * 1024 * 1024


@dataclass(frozen=True)
class Crop:
    """A rendered region: ``view`` is the region (with its margin) in PDF points, the
    coordinates the marks are drawn in."""

    id: str
    page: int
    view: Box
    width: float  # points
    height: float
    data_uri: str
    size: int  # bytes of the PNG


class CropBudget:
    def __init__(self, max_crops: int = MAX_CROPS, max_bytes: int = MAX_BYTES):
        self.left_crops = max_crops
        self.left_bytes = max_bytes
        self.omitted = 0

    def take(self, size: int) -> bool:
        if self.left_crops <= 0 or size > self.left_bytes:
            self.omitted += 1
            return False
        self.left_crops -= 1
        self.left_bytes -= size
        return True


def png_gray(width: int, height: int, rows: bytes) -> bytes:
    """An 8-bit greyscale PNG of ``rows`` (``height`` rows of ``width`` bytes)."""
    raw = b"".join(b"\x00" + rows[y * width:(y + 1) * width] for y in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


class PdfCropper:
    """Renders regions of one PDF; opens it once, on the first crop."""

    def __init__(self, path: str):
        self.path = path
        self._doc = None
        self.failed = False

    def __enter__(self) -> "PdfCropper":
        return self

    def __exit__(self, *exc) -> None:
        if self._doc is not None:
            self._doc.close()

    def render(self, page: int, region: Box, crop_id: str, budget: CropBudget) -> Optional[Crop]:
        """The crop, or None where the budget is spent or the file cannot be rendered
        (changed or removed since it was linted: the report goes on without it)."""
        if self.failed or budget.left_crops <= 0:
            budget.omitted += 1
            return None
        try:
            png, view = self._png(page, region)
        except Exception:  # noqa: BLE001 - a crop is an illustration, never worth a failed report
            self.failed = True
            budget.omitted += 1
            return None
        if not budget.take(len(png)):
            return None
        uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        return Crop(crop_id, page, view, view[2] - view[0], view[3] - view[1], uri, len(png))

    def _png(self, page: int, region: Box) -> tuple[bytes, Box]:
        import pypdfium2 as pdfium

        if self._doc is None:
            self._doc = pdfium.PdfDocument(self.path)
        pg = self._doc[page - 1]
        try:
            width, height = pg.get_size()
            x0, top = max(0.0, region[0] - PAD), max(0.0, region[1] - PAD)
            x1, bottom = min(width, region[2] + PAD), min(height, region[3] + PAD)
            # pypdfium2's crop is what to cut off each border: left, bottom, right, top.
            bitmap = pg.render(scale=SCALE, crop=(x0, height - bottom, width - x1, top), grayscale=True)
            w, h, stride = bitmap.width, bitmap.height, bitmap.stride
            buf = bytes(bitmap.buffer)
        finally:
            pg.close()
        if stride != w:
            buf = b"".join(buf[y * stride:y * stride + w] for y in range(h))
        return png_gray(w, h, buf), (x0, top, x0 + w / SCALE, top + h / SCALE)


@dataclass(frozen=True)
class Figure:
    """A finding's view of a shared crop: the crop and the cells to box in it."""

    crop: Crop
    marks: tuple[Box, ...]


def file_figures(fr, findings, budget: CropBudget) -> tuple[dict[int, Figure], list[Crop]]:
    """For the findings of one PDF input (in the order shown): a figure per index of a
    placed finding, and the crops they share, each region rendered once."""
    placed = [(i, f.place) for i, f in enumerate(findings) if f.place is not None]
    figures: dict[int, Figure] = {}
    crops: list[Crop] = []
    if fr.form != "pdf" or not placed:
        return figures, crops
    by_region: dict[tuple, Optional[Crop]] = {}
    with PdfCropper(fr.path) as cropper:
        for i, place in placed:
            key = (place.page, place.region)
            if key not in by_region:
                crop = cropper.render(place.page, place.region, f"crop{len(by_region)}", budget)
                by_region[key] = crop
                if crop is not None:
                    crops.append(crop)
            if by_region[key] is not None:
                figures[i] = Figure(by_region[key], place.marks)
    return figures, crops
