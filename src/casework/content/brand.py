"""A partnership's branding as configuration: name, logo, colours, contacts and support details.

Pure functions: colours become CSS custom properties for Material (checked for WCAG AA contrast
against the white header text), contacts become a Markdown block for the support page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")


@dataclass(frozen=True)
class Brand:
    name: str = ""
    logo: str | None = None
    primary: str | None = None
    accent: str | None = None
    contact: str = ""
    front_door: str = ""
    support: str = "If anything here affects you, or you are worried about a child, help is available."
    extra_contacts: dict[str, str] = field(default_factory=dict)


def _rgb(colour: str) -> tuple[float, float, float]:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return r, g, b


def luminance(colour: str) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two #rrggbb colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def shade(colour: str, factor: float) -> str:
    r, g, b = _rgb(colour)
    if factor < 1:
        parts = (c * factor for c in (r, g, b))
    else:
        parts = (c + (1 - c) * (factor - 1) for c in (r, g, b))
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in parts)
