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


def translated_texts(translation: ET.Element) -> list[str]:
    """The translation, or each plural form of a %n message."""
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def test_every_message_in_the_translation_file_is_translated():
    untranslated = [(c, s) for c, s, _, t in messages(TS)
                    if t is None or t.get("type") or not all(text.strip() for text in translated_texts(t))]
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
        forms = translated_texts(translation)
        if len(forms) > 1:   # Chinese has one plural form; %n is filled with the count
            assert translator.translate(context, source, comment, 3) == forms[0].replace("%n", "3"), (context, source)
        else:
            assert translator.translate(context, source, comment) == forms[0], (context, source)


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
        wanted = sorted(re.findall(r"\{[^}]*\}|%n", source))
        for text in translated_texts(translation):
            if sorted(re.findall(r"\{[^}]*\}|%n", text)) != wanted:
                broken.append((context, source, text))
    assert broken == []
