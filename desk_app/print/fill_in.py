"""Sentences with blanks (填空), as typed forms print them: "现需增加____（____芯光缆____米）". Each blank is its value on
an underline, or an empty underline to write on; a blank never breaks across lines unless it is longer than a line.

A Paragraph cannot do this: an underlined value in it breaks between any two characters, leaving half a blank on
each line. The lines follow the toolkit's Chinese line breaking (common.NO_LINE_START / NO_LINE_END); full lines
are justified, by slightly wider gaps or, when that would show, by longer blanks.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from desk_app.print.common import NO_LINE_END, NO_LINE_START, style_at_size

# A Latin word, number, phone or ticket number is kept on one line; …… and —— are not split.
_WORD = re.compile(r"[!-\u009f\u00a1-\u00b6\u00b8-\u1fff]+")  # as common: Latin, digits, ASCII signs
_PAIRED = re.compile(r"…+|—+")
_FUZZ = 1e-6
UNDERLINE_WIDTH = 0.6
SLIGHT_GAP = 0.15  # em: slack spread between the characters of a line without it showing
MAX_JUSTIFY_GAP = 0.6  # em: a line that would need wider gaps is set flush left instead
LONG_BLANK = 6  # em: a blank longer than this may start at the end of a line and run on to the next
MIN_HEAD = 4  # em: … if at least this much of it fits there


@dataclass(frozen=True)
class Blank:
    """A blank: `value` printed on an underline, or an empty underline at least `min_em` characters long."""

    value: str = ""
    min_em: float = 4.0


Part = str | Blank


def spaced(style: ParagraphStyle, leading: float, size: float | None = None) -> ParagraphStyle:
    """`style` (at `size`) with its lines `leading` times the size apart: room to write on the blanks."""
    result = style_at_size(style, size or style.fontSize)
    result.leading = result.fontSize * leading
    return result


@dataclass
class _Token:
    text: str
    width: float
    blank: bool = False
    space: bool = False  # an ASCII space: a break, dropped at the ends of a line
    newline: bool = False
    splittable: bool = False  # a word or blank longer than a line may be cut between characters
    pad: float = 0.0  # a blank's room either side of its value
    x: float = 0.0


@dataclass
class Line:
    tokens: list[_Token]

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.tokens)


def _tokens(parts: Sequence[Part], font: str, size: float) -> list[_Token]:
    tokens: list[_Token] = []
    for part in parts:
        if isinstance(part, Blank):
            text = " ".join(part.value.split())  # a blank holds one line of text
            pad = size * 0.5 if text else 0.0
            width = max(stringWidth(text, font, size) + 2 * pad, part.min_em * size)
            tokens.append(_Token(text, width, blank=True, splittable=True, pad=pad))
            continue
        text = part.replace("\r\n", "\n").replace("\r", "\n")
        position = 0
        while position < len(text):
            char = text[position]
            if char == "\n":
                tokens.append(_Token("", 0.0, newline=True))
                position += 1
            elif char in " \t":
                tokens.append(_Token(" ", stringWidth(" ", font, size), space=True))
                position += 1
            else:
                match = _WORD.match(text, position) or _PAIRED.match(text, position)
                end = match.end() if match else position + 1
                word = text[position:end]
                tokens.append(_Token(word, stringWidth(word, font, size), splittable=end - position > 1))
                position = end
    return tokens


def _cut(token: _Token, room: float, font: str, size: float) -> tuple[_Token, _Token] | None:
    """The longest head of a splittable token that fits `room` (at least one character), and the rest."""
    text, pad = token.text, token.pad
    if len(text) < 2:
        return None
    count = 1
    while count < len(text) and stringWidth(text[: count + 1], font, size) + 2 * pad <= room:
        count += 1
    if count >= len(text):
        return None
    head, tail = text[:count], text[count:]
    return (replace(token, text=head, width=stringWidth(head, font, size) + 2 * pad),
            replace(token, text=tail, width=stringWidth(tail, font, size) + 2 * pad))


def _starts_badly(token: _Token) -> bool:
    return not token.blank and token.text[:1] in NO_LINE_START


def _ends_badly(token: _Token) -> bool:
    return not token.blank and token.text[-1:] in NO_LINE_END


def break_lines(parts: Sequence[Part], font: str, size: float, width: float, *, indent: float = 0.0,
                align: str = "justify") -> list[Line]:
    """The parts set in lines of `width` points; each paragraph's first line starts after `indent`.
    `align` is "justify" (the last line of a paragraph flush left), "left" or "right"."""
    pending = deque(_tokens(parts, font, size))
    lines: list[Line] = []
    current: list[_Token] = []
    start = used = indent

    def finish(last: bool) -> None:
        nonlocal current, start, used
        while current and current[-1].space:
            current.pop()
        lines.append(_placed(current, start, width, size, "left" if last and align == "justify" else align))
        current, start, used = [], 0.0, 0.0

    while pending:
        token = pending.popleft()
        if token.newline:
            finish(last=True)
            start = used = indent
            continue
        if token.space and not current:
            continue
        if used + token.width <= width + _FUZZ:
            current.append(token)
            used += token.width
            continue
        if token.space:  # the space where the line ends is the break itself
            finish(last=False)
            continue
        room = width - used
        long_blank = token.blank and token.width > LONG_BLANK * size and room >= MIN_HEAD * size
        if token.splittable and (token.width > width - start or long_blank):
            pieces = _cut(token, room, font, size)
            if pieces is not None and (not current or pieces[0].width <= room + _FUZZ):
                current.append(pieces[0])
                finish(last=False)
                pending.appendleft(pieces[1])
                continue
        if not current:  # a glyph wider than the line: it goes alone
            current.append(token)
            finish(last=False)
            continue
        carried = [token]
        # A mark that cannot start a line takes the token before it along; an opening one never ends a line.
        while _starts_badly(carried[0]) and len(current) > 1 and len(carried) < 3 and not current[-1].space:
            carried.insert(0, current.pop())
        while len(current) > 1 and _ends_badly(current[-1]):
            carried.insert(0, current.pop())
        finish(last=False)
        pending.extendleft(reversed(carried))
    if current or not lines:
        finish(last=True)
    return lines


def _placed(tokens: list[_Token], start: float, width: float, size: float, align: str) -> Line:
    tokens = [replace(t) for t in tokens]
    extra = max(width - start - sum(t.width for t in tokens), 0.0)
    blanks = [t for t in tokens if t.blank]
    gap = 0.0
    if align == "justify" and extra > _FUZZ:
        even = extra / (len(tokens) - 1) if len(tokens) > 1 else float("inf")
        if even <= SLIGHT_GAP * size or (not blanks and even <= MAX_JUSTIFY_GAP * size):
            gap = even
        elif blanks:  # a longer line to write on reads better than wide gaps between characters
            for blank in blanks:
                blank.width += extra / len(blanks)
    x = start + (extra if align == "right" else 0.0)
    for token in tokens:
        token.x = x
        x += token.width + gap
    return Line(tokens)


class FillIn(Flowable):
    """A paragraph of text and blanks in the style's font, size and leading; `indent_em` indents its first line
    (two characters for the body of a letter); `min_height` keeps room below it to write in."""

    def __init__(self, parts: Sequence[Part] | str, style: ParagraphStyle, *, indent_em: float = 0.0,
                 align: str = "justify", min_height: float = 0.0):
        super().__init__()
        self.parts: tuple[Part, ...] = (parts,) if isinstance(parts, str) else tuple(parts)
        self.style = style
        self.indent_em = indent_em
        self.align = align
        self.min_height = min_height
        self._lines: list[Line] = []
        self._set_width: float | None = None

    def lines(self, width: float) -> list[Line]:
        if self._set_width != width:
            size = self.style.fontSize
            self._lines = break_lines(self.parts, self.style.fontName, size, width,
                                      indent=self.indent_em * size, align=self.align)
            self._set_width = width
        return self._lines

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = max(len(self.lines(availWidth)) * self.style.leading, self.min_height)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        style = self.style
        size, leading, font = style.fontSize, style.leading, style.fontName
        canvas.saveState()
        canvas.setLineWidth(UNDERLINE_WIDTH)
        canvas.setStrokeColor(style.textColor)
        canvas.setFillColor(style.textColor)
        text = canvas.beginText()  # one text object: the words extract in reading order
        text.setFont(font, size)
        for number, line in enumerate(self.lines(self.width)):
            # Glyphs centred in the line's leading (the face's ideographs span about -0.12 … 0.88 em).
            baseline = self.height - number * leading - (leading - size) / 2 - 0.88 * size
            for token in line.tokens:
                if token.blank:
                    under = baseline - 0.2 * size
                    canvas.line(token.x, under, token.x + token.width, under)
                    if token.text:
                        inner = stringWidth(token.text, font, size)
                        text.setTextOrigin(token.x + (token.width - inner) / 2, baseline)
                        text.textOut(token.text)
                elif token.text:
                    text.setTextOrigin(token.x, baseline)
                    text.textOut(token.text)
        canvas.drawText(text)
        canvas.restoreState()
