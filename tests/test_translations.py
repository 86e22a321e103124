"""Every user-visible string has its zh_CN translation, the compiled .qm matches, and domain names match the paper."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from desk_app.core import kinds, policies, queues, states  # noqa: F401 - registers every domain name
from desk_app.core.labels import LABEL_CONTEXT, all_names

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "desk_app_zh_CN.ts"
QM = TS.with_suffix(".qm")
sys.path.insert(0, str(ROOT / "tools"))
import update_translations  # noqa: E402


def messages(ts: Path) -> list[tuple[str, str, str | None, ET.Element]]:
    root = ET.parse(ts).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            comment = message.findtext("comment")
            found.append((name, message.findtext("source") or "", comment, message.find("translation")))
    return found


def test_every_message_in_the_translation_file_is_translated():
    untranslated = [(c, s) for c, s, _, t in messages(TS) if t is None or t.get("type") or not (t.text or "").strip()]
    assert untranslated == []


def test_every_string_in_the_code_is_in_the_translation_file(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    update_translations.update_ts(fresh)
    new = [(c, s) for c, s, _, t in messages(fresh) if t is not None and t.get("type") == "unfinished"]
    assert new == [], "run tools/update_translations.py and translate these"


def test_compiled_translation_matches_the_source(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, source, comment, translation in messages(TS):
        assert translator.translate(context, source, comment) == translation.text, (context, source)


def test_domain_names_on_screen_match_the_terms_printed_on_paper(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    mismatched = {english: (translator.translate(LABEL_CONTEXT, english), chinese)
                  for english, chinese in all_names().values()
                  if translator.translate(LABEL_CONTEXT, english) != chinese}
    assert mismatched == {}


def test_all_placeholders_survive_translation():
    broken = []
    for context, source, _, translation in messages(TS):
        wanted = sorted(re.findall(r"\{[^}]*\}", source))
        got = sorted(re.findall(r"\{[^}]*\}", translation.text or ""))
        if wanted != got:
            broken.append((context, source, translation.text))
    assert broken == []
