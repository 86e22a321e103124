"""Search keys: the pinyin of a name, the one text the full-text index reads, and how a typed query splits into what
each index can answer. No database here: services.search turns a `SearchQuery` into SQL for SQLite (FTS5, trigram
tokenizer) and PostgreSQL (pg_trgm).

A trigram index finds any substring of three characters or more. Shorter terms (a one- or two-character name such as
潘洋, a surname) are answered by the prefix of an indexed name column instead; letters alone may be pinyin (zs,
zhangsan) and are looked up by the prefix of the name's pinyin columns.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# A term this long or longer is a trigram index's; shorter ones go to the name prefixes.
TRIGRAM = 3
# At most this many terms of one query are used (a pasted paragraph is not a query).
MAX_TERMS = 8
MAX_TERM = 100

_SPACES = re.compile(r"\s+")
_PINYIN = re.compile(r"^[a-z]+$")
_DIGITS = re.compile(r"^\+?[0-9][0-9\- ]*$")


# Surnames read otherwise than the character's common reading (曾 is ceng in 曾经, zeng as a surname): the first
# character of a name takes this reading.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "区": "ou", "查": "zha", "朴": "piao", "盖": "ge",
    "乐": "yue", "员": "yun", "黑": "he", "覃": "qin", "繁": "po", "缪": "miao", "尉": "wei", "种": "chong",
    "秘": "bi", "折": "she", "召": "shao", "万": "wan", "长": "chang", "重": "chong", "翟": "zhai", "祭": "zhai",
    "纪": "ji", "宿": "su", "句": "gou", "任": "ren", "沈": "shen", "柏": "bai", "薄": "bo", "卜": "bu",
}
# A short name typed as a query has at most this many readings looked up (polyphonic characters multiply them).
MAX_READINGS = 12


@lru_cache(maxsize=4096)
def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a name, lower-case without tones or spaces: 张三 → ("zhangsan", "zs").

    Letters and digits in the name are kept as they are (lower-cased: Li Lei → ("lilei", "ll")); other characters are
    dropped. A polyphonic character takes pypinyin's reading in context, a polyphonic surname its surname reading
    (曾伟 → zengwei, 单田芳 → shantianfang: SURNAME_READINGS)."""
    from pypinyin import Style, lazy_pinyin  # the dictionary loads on first use, not at start-up

    text = unicodedata.normalize("NFKC", name or "").strip().lower()
    if not text:
        return "", ""
    full: list[str] = []
    initials: list[str] = []
    parts = lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: _SPACES.split(chars))
    if parts and text[0] in SURNAME_READINGS and len(text) > 1 and not text[1].isascii():
        parts[0] = SURNAME_READINGS[text[0]]
    for part in parts:
        for chunk in _SPACES.split(part):
            word = "".join(ch for ch in chunk if ch.isalnum() and ch.isascii())
            if word:
                full.append(word)
                initials.append(word[0])
    return "".join(full)[:200], "".join(initials)[:60]


@lru_cache(maxsize=1024)
def name_readings(prefix: str) -> tuple[str, ...]:
    """Every pinyin the beginning of a name may have been stored under (潘 → pan, bo, fan; 曾 → ceng, zeng): what
    name_keys would give for a name starting with `prefix`, whatever its reading in context; at most MAX_READINGS,
    the common readings first. Letters and digits stand for themselves."""
    from pypinyin import Style, pinyin

    text = unicodedata.normalize("NFKC", prefix or "").strip().lower()
    readings = [""]
    for ch in text:
        if ch.isascii():
            options = [ch] if ch.isalnum() else [""]
        else:
            got = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
            options = [p for p in got[0] if p] if got else []
            if ch in SURNAME_READINGS and SURNAME_READINGS[ch] not in options:
                options.append(SURNAME_READINGS[ch])
            if not options:
                continue
        readings = [r + o for r in readings for o in options][:MAX_READINGS]
    return tuple(dict.fromkeys(r for r in readings if r))


def national_digits(e164: str) -> str:
    """The digits as a caller types a stored number: +8613812345678 → 13812345678, +861062345678 → 01062345678
    (the trunk 0 of a landline), another country's number → its digits without the +."""
    digits = "".join(ch for ch in e164 or "" if ch.isdigit())
    if e164.startswith("+86") and len(digits) > 2:
        national = digits[2:]
        # A mainland mobile is 11 digits from 1; a landline's area code (10 for Beijing, 755 …) takes its trunk 0.
        return national if len(national) == 11 and national.startswith("1") else "0" + national
    return digits


def customer_search_text(name: str, phones: Iterable[str], addresses: Iterable[str], members: Iterable[str] = (),
                         notes: str = "") -> str:
    """The one text of a customer the full-text index reads: name, every number (E.164 and as typed), every
    address, the household's names, the notes. Parts are joined by " | " so that no trigram spans two of them."""
    parts: list[str] = [name or ""]
    for phone in phones:
        if phone:
            parts += [phone, national_digits(phone)]
    parts += [a for a in addresses if a]
    parts += [m for m in members if m]
    if notes:
        parts.append(notes)
    return " | ".join(p.strip() for p in parts if p and p.strip())


@dataclass(frozen=True)
class SearchQuery:
    """A typed query split into terms: long terms for the trigram index, short ones for the name prefixes, letters
    that may be pinyin, digits that may be part of a phone number or a ticket number."""

    text: str
    terms: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> "SearchQuery":
        clean = unicodedata.normalize("NFKC", text or "").replace("\x00", "").strip()
        terms = tuple(t[:MAX_TERM] for t in _SPACES.split(clean) if t)[:MAX_TERMS]
        return cls(clean, terms)

    @property
    def empty(self) -> bool:
        return not self.terms

    @property
    def long_terms(self) -> tuple[str, ...]:
        """Terms the trigram index answers (three characters or more)."""
        return tuple(t for t in self.terms if len(t) >= TRIGRAM)

    @property
    def short_terms(self) -> tuple[str, ...]:
        """Terms too short for trigrams: answered by name prefixes (潘洋, 潘)."""
        return tuple(t for t in self.terms if len(t) < TRIGRAM)

    @property
    def pinyin(self) -> str | None:
        """The query as pinyin if it is letters only (zs, zhangsan, ZhangSan), else None."""
        joined = "".join(self.terms).lower()
        return joined if _PINYIN.fullmatch(joined) else None

    @property
    def digits(self) -> str | None:
        """The query's digits if it is digits only (a leading +, spaces and dashes allowed), else None."""
        if not _DIGITS.fullmatch(self.text):
            return None
        return "".join(ch for ch in self.text if ch.isdigit())


def fts_match(terms: Iterable[str]) -> str:
    """An FTS5 MATCH expression requiring every term as a substring (each a quoted string: no FTS5 syntax from the
    user reaches the parser)."""
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def like_pattern(term: str) -> str:
    """A LIKE pattern for `term` anywhere, with LIKE's wildcards escaped by backslash (ESCAPE '\\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def prefix_upper(prefix: str) -> str:
    """The smallest string greater than every string starting with `prefix`: `prefix <= s < prefix_upper(prefix)` is
    an index range scan on both databases (LIKE 'x%' is not, under most collations)."""
    return prefix + "\U0010ffff"


_GROUPS = re.compile(r"[0-9]+")


def mask_phone(shown: str) -> str:
    """A shown number with its middle hidden, for those who do not need the whole of it: a mobile keeps its first
    three and last four digits (138****8000), a landline its area code and last four (010-****4321, 0571-****7777), a
    foreign number its country code and last four; an extension (after 转) is dropped. A short service number (95588)
    is nobody's private number and stays."""
    text = re.split(r"转|分机|ext|x|#", shown or "", maxsplit=1, flags=re.IGNORECASE)[0].strip()
    digits = "".join(_GROUPS.findall(text))
    if not digits or len(digits) <= 6:
        return text
    if len(digits) == 11 and digits.startswith("1") and not text.startswith("+"):
        return f"{digits[:3]}****{digits[-4:]}"
    groups = _GROUPS.findall(text)
    if text.startswith("+"):
        head, rest = "+" + groups[0], digits[len(groups[0]):]
    elif digits.startswith("0") and len(groups) > 1 and len(groups[0]) <= 4:
        head, rest = groups[0], digits[len(groups[0]):]
    elif digits.startswith("0"):
        # Written without spaces: the area code is 010 and 02x, else four digits.
        size = 3 if digits[1] in "12" else 4
        head, rest = digits[:size], digits[size:]
    else:
        return "*" * (len(digits) - 4) + digits[-4:]
    if len(rest) <= 4:
        return f"{head}-{'*' * len(rest)}"
    return f"{head}-{'*' * (len(rest) - 4)}{rest[-4:]}"


def mask_address(address: str) -> str:
    """阳光小区3栋***: the estate kept, the building, unit and room hidden, for those who do not need them."""
    text = (address or "").strip()
    if not text:
        return ""
    cut = next((i for i, ch in enumerate(text) if ch.isdigit()), len(text))
    keep = min(cut, max(2, len(text) // 2))
    return text[:keep] + "***"
