"""受理: the intake panel (panel.py), its form, the caller's customer card and what it previews of a new ticket."""

from desk_app.ui.forms import limit_text
from desk_app.ui.intake.customer_card import CustomerCardView
from desk_app.ui.intake.panel import IntakePanel

__all__ = ["CustomerCardView", "IntakePanel", "limit_text"]
