"""The README's table of the summary's figures says what the code computes: every definition, word for word."""

from __future__ import annotations

from pathlib import Path

from desk_app.core.labels import chinese
from desk_app.core.summary import Figure, definition_text

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_figure_is_defined_in_the_readme_as_in_the_code():
    text = README.read_text(encoding="utf-8")
    for figure in Figure:
        line = next((ln for ln in text.splitlines() if ln.startswith("| ") and f"| {chinese(figure)} |" in ln), None)
        assert line is not None, f"no README row for {figure}"
        assert definition_text(figure) in line, f"the README's definition of {figure} differs from the code's"
