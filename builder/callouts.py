"""Scenario callouts: a quote that opens with a bold label (`> **Skenario:** …`) becomes a persona card."""

from __future__ import annotations

import re

from .icons import icon_svg

# Sanitized HTML as Python-Markdown writes a quote: the label is at most 40 characters, plain text.
LABELLED_QUOTE = re.compile(
    r"<blockquote>\s*<p><strong>(?P<label>[^<>]{1,40}?):</strong>\s*(?P<body>.*?)</blockquote>",
    re.DOTALL)


def persona_card(match: re.Match[str]) -> str:
    """One labelled quote as a card: a face, the label, the text."""
    body = match["body"]
    if "<blockquote" in body:  # a nested quote: left as the author wrote it
        return match[0]
    return (f'<div class="cp-persona"><span class="cp-persona-face" aria-hidden="true">'
            f'{icon_svg("people")}</span><div><p class="cp-persona-label">{match["label"]}</p>'
            f'<p>{body.strip()}</div></div>')


def persona_cards(html: str) -> str:
    """Every labelled quote of sanitized HTML as a persona card; other quotes stay quotes."""
    return LABELLED_QUOTE.sub(persona_card, html) if "<blockquote>" in html else html
