"""Chip colours: every state and escalation level has its own, and a stored value the code does not know never fails."""

from __future__ import annotations

import pytest

from desk_app.core.kinds import Escalation
from desk_app.core.states import State
from desk_app.ui.forms import (
    ESCALATION_COLORS,
    NEUTRAL_COLORS,
    STATE_COLORS,
    escalation_colors,
    state_colors,
)


def test_every_state_has_chip_colours():
    assert set(STATE_COLORS) == set(State)


@pytest.mark.parametrize("state", list(State))
def test_state_colours_are_background_and_text(state):
    background, foreground = state_colors(state.value)
    assert background.startswith("#") and foreground.startswith("#") and background != foreground


def test_an_unknown_state_gets_the_neutral_colours():
    assert state_colors("no_such_state") == NEUTRAL_COLORS
    assert state_colors("") == NEUTRAL_COLORS


def test_every_escalation_level_has_chip_colours():
    assert set(ESCALATION_COLORS) == set(Escalation)
    assert len({escalation_colors(level.value) for level in Escalation}) == len(Escalation)
    assert escalation_colors(None) == NEUTRAL_COLORS
