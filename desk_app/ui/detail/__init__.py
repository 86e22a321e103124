"""工单详情: the ticket detail pane (pane.py) and its parts: facts, clocks, history, and what its actions run."""

from desk_app.ui.detail.actions import DIALOG_ACTIONS
from desk_app.ui.detail.pane import DetailPane

__all__ = ["DIALOG_ACTIONS", "DetailPane"]
