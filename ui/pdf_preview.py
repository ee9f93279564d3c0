"""A picture of a PDF's first page, rendered with pypdfium2 (no external viewer).

:func:`first_page_image` turns PDF bytes or a file into a ``QImage``;
:class:`PdfPreview` shows it scaled to its width, with a shadowed page look,
or a message when there is nothing to show.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def first_page_image(pdf: bytes | Path, *, width_px: int) -> tuple[QImage, int]:
    """Page 1 of ``pdf`` rendered ``width_px`` wide, and how many pages there are."""
    import pypdfium2 as pdfium  # imported when first needed: it loads a native library

    source = pdf if isinstance(pdf, bytes) else str(pdf)
    document = pdfium.PdfDocument(source)
    try:
        page = document[0]
        width_pt, _ = page.get_size()
        bitmap = page.render(scale=max(width_px, 50) / width_pt, rev_byteorder=True)
        image = QImage(
            bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
            QImage.Format.Format_RGB888,
        ).copy()  # fmt: skip
        pages = len(document)
        page.close()
    finally:
        document.close()
    return image, pages


class PdfPreview(QLabel):
    """The first page of the chosen report, as it will print."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(280, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setWordWrap(True)
        self.setAccessibleName("Preview of the report's first page")
        self.setObjectName("PdfPreview")
        self._source: Path | None = None
        self.pages = 0
        self.show_message("Choose a report to see its first page here.")

    @property
    def has_page(self) -> bool:
        pixmap = self.pixmap()
        return self._source is not None and pixmap is not None and not pixmap.isNull()

    def show_message(self, text: str) -> None:
        self._source = None
        self.pages = 0
        self.clear()
        self.setText(text)

    def show_pdf(self, path: Path) -> None:
        self._source = path
        self._render()

    def _render(self) -> None:
        if self._source is None:
            return
        ratio = self.devicePixelRatioF()
        box_w, box_h = self.width() - 24, self.height() - 24
        image, self.pages = first_page_image(self._source, width_px=int(box_w * ratio))
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        if pixmap.height() / ratio > box_h:  # fit the whole page in view
            pixmap = QPixmap.fromImage(
                image.scaledToHeight(int(box_h * ratio), Qt.TransformationMode.SmoothTransformation)
            )
            pixmap.setDevicePixelRatio(ratio)
        self.setPixmap(pixmap)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._source is not None:
            self._render()
