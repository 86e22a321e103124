"""The knowledge window's list of articles found, best first: a table model over one search's hits."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desk_app.services.search import ArticleHit
from desk_app.ui.knowledge.common import first_line

Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    """Question, the answer's first line, tags, last change; the article id is the UserRole of every cell."""

    QUESTION, ANSWER, TAGS, UPDATED = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[ArticleHit] = []

    def set_hits(self, hits: list[ArticleHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> ArticleHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, article_id: int) -> int:
        return next((i for i, h in enumerate(self._hits) if h.id == article_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return hit.id
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == self.QUESTION:
                return hit.question
            if column == self.ANSWER:
                return first_line(hit.answer, 60)
            if column == self.TAGS:
                return hit.tags
            if column == self.UPDATED:
                return hit.updated_at.strftime("%Y-%m-%d")
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (self.QUESTION, self.ANSWER):
            return hit.question + "\n" + first_line(hit.answer, 200)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Question"), self.tr("Answer"), self.tr("Tags"), self.tr("Updated"))
        return titles[section] if 0 <= section < len(titles) else None
