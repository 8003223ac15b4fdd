"""Reading .pdf files: text lines and table rows with their page and box.

``read_pdf`` gives the printed items (``model.Item``); ``pdf_lines`` turns them into
the ``core.model.Line`` stream every other form gives, so the outline and the readers
read a PDF as they read any text form.
"""

from budgetlint.ingest.pdf.model import Item, PdfError
from budgetlint.ingest.pdf.read import MAX_CHARS, MAX_PAGES, PdfRead, read_pdf

__all__ = ["Item", "PdfError", "PdfRead", "read_pdf", "MAX_PAGES", "MAX_CHARS"]
