"""The built-in icons: drawn for this project on a 24 × 24 grid in one stroke style.

Each icon is the inside of an <svg>: shapes stroked with the current colour, never filled, so one
icon serves diagrams, callouts and the interface in any theme colour.
"""

from __future__ import annotations

from markupsafe import Markup

ICONS: dict[str, str] = {
    "service": '<path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/>',
    "accountable": '<path d="M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6z"/><path d="M9 12l2 2 4-4"/>',
    "competent": '<path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 '
                 '6.1-.9z"/>',
    "harmony": '<circle cx="9" cy="12" r="5"/><circle cx="15" cy="12" r="5"/>',
    "loyal": '<path d="M5 21V4"/><path d="M5 4h12l-2.5 4 2.5 4H5"/>',
    "adaptive": '<path d="M20 12a8 8 0 0 1-14 5.3"/><path d="M4 12a8 8 0 0 1 14-5.3"/>'
                '<path d="M18 3v4h-4"/><path d="M6 21v-4h4"/>',
    "collaborate": '<circle cx="8" cy="8" r="3"/><circle cx="16" cy="8" r="3"/>'
                   '<path d="M3 20c0-3 2.2-5 5-5s5 2 5 5"/><path d="M11 20c0-3 2.2-5 5-5s5 2 5 5"/>',
    "data": '<path d="M4 20h16"/><path d="M7 16v-4"/><path d="M12 16V8"/><path d="M17 16V5"/>',
    "device": '<rect x="7" y="3" width="10" height="18" rx="2"/><path d="M11 18h2"/>',
    "idea": '<path d="M9 18h6"/><path d="M10 21h4"/><path d="M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 '
            '2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3z"/>',
    "compass": '<circle cx="12" cy="12" r="9"/><path d="M15.5 8.5l-2 5-5 2 2-5z"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
    "check": '<path d="M5 12l5 5 9-10"/>',
    "target": '<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/>'
              '<circle cx="12" cy="12" r="1"/>',
    "chat": '<path d="M4 5h16v11H9l-5 4z"/><path d="M8 9h8"/><path d="M8 12h5"/>',
    "network": '<circle cx="12" cy="5" r="2"/><circle cx="5" cy="19" r="2"/>'
               '<circle cx="19" cy="19" r="2"/><path d="M12 7v5l-5.6 5.6M12 12l5.6 5.6"/>',
    "learn": '<path d="M4 5c3-1 6-1 8 1 2-2 5-2 8-1v14c-3-1-6-1-8 1-2-2-5-2-8-1z"/>'
             '<path d="M12 6v14"/>',
    "people": '<circle cx="12" cy="7" r="3.5"/><path d="M5 21c0-4 3-7 7-7s7 3 7 7"/>',
    "arrow": '<path d="M4 12h15"/><path d="M13 6l6 6-6 6"/>',
    "warning": '<path d="M12 3l10 18H2z"/><path d="M12 10v5"/><path d="M12 18h.01"/>',
}
STROKE = ('fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
          'stroke-linejoin="round"')


def icon_names() -> tuple[str, ...]:
    """Every icon's name, sorted."""
    return tuple(sorted(ICONS))


def icon_group(name: str, x: float, y: float, size: float, colour: str) -> Markup:
    """An icon placed inside a larger SVG: its top-left corner at (x, y), `size` units wide."""
    scale = size / 24
    return Markup(f'<g transform="translate({x:g} {y:g}) scale({scale:g})" color="{colour}" '
                  f'{STROKE}>{ICONS[name]}</g>')


def icon_svg(name: str, size: int = 24) -> Markup:
    """A standalone icon for the interface; decorative, so hidden from screen readers."""
    return Markup(f'<svg class="cp-icon" width="{size}" height="{size}" viewBox="0 0 24 24" '
                  f'aria-hidden="true" focusable="false" {STROKE}>{ICONS[name]}</svg>')
