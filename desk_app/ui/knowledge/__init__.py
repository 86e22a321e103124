"""知识库: the knowledge-base window, the article editor, the weekly meeting's answer dialog, and the answers offered
under the intake's content field."""

from desk_app.ui.knowledge.editor import ArticleEditor
from desk_app.ui.knowledge.meeting import MeetingAnswerDialog
from desk_app.ui.knowledge.suggestions import KbSuggestions
from desk_app.ui.knowledge.window import KnowledgeWindow

__all__ = ["ArticleEditor", "KbSuggestions", "KnowledgeWindow", "MeetingAnswerDialog"]
