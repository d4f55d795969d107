"""A partnership's branding as configuration: name, logo, colours, contacts and support details.

Pure functions: colours become CSS custom properties for Material (checked for WCAG AA contrast
against the white header text), contacts become a Markdown block for the support page.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casework.problems import Problem
from casework.yamlsrc import YamlDoc, read_mapping

HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
LOCAL_CONTACTS_MARKER = "<!-- casework:local-contacts -->"


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


def _shade(colour: str, factor: float) -> str:
    r, g, b = _rgb(colour)
    if factor < 1:
        parts = (c * factor for c in (r, g, b))
    else:
        parts = (c + (1 - c) * (factor - 1) for c in (r, g, b))
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02x}" for c in parts)


def problems(brand: Brand) -> list[str]:
    """What is wrong with the brand settings, as messages for the author (empty when fine)."""
    out = []
    for key in ("primary", "accent"):
        value = getattr(brand, key)
        if value is None:
            continue
        if not HEX.match(value):
            out.append(f"brand colour '{key}' is {value!r}; write it as a hex colour such as '#1d4f91'")
        elif contrast(value, "#ffffff") < 4.5:
            out.append(f"brand colour '{key}' {value} has a contrast of {contrast(value, '#ffffff'):.1f}:1 with white text; "
                       "WCAG 2.2 AA needs 4.5:1, so choose a darker shade")
    return out


def css(brand: Brand) -> str:
    """CSS custom properties that recolour Material (used with palette primary/accent 'custom')."""
    lines = []
    if brand.primary and HEX.match(brand.primary):
        lines += [f"  --md-primary-fg-color: {brand.primary};", f"  --md-primary-fg-color--light: {_shade(brand.primary, 1.25)};",
                  f"  --md-primary-fg-color--dark: {_shade(brand.primary, 0.8)};"]
    if brand.accent and HEX.match(brand.accent):
        lines += [f"  --md-accent-fg-color: {brand.accent};", f"  --md-accent-fg-color--transparent: {brand.accent}1a;"]
    return ":root {\n" + "\n".join(lines) + "\n}\n" if lines else ""


def _contact_html(value: str) -> str:
    text = html.escape(value, quote=False)
    if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return f'<a href="mailto:{html.escape(value)}">{text}</a>'
    return text


def local_contacts(brand: Brand) -> str:
    """The partnership's own contacts, for the support page (replaces the local-contacts marker)."""
    rows = []
    if brand.front_door:
        rows.append(f"- **Children's services front door (MASH):** {_contact_html(brand.front_door)}")
    else:
        rows.append("- **Children's services front door (MASH):** use your local authority's children's services number "
                    "(site editors: set `brand.front_door` in mkdocs.yml to show it here)")
    if brand.contact:
        rows.append(f"- **{html.escape(brand.name or 'The partnership')}:** {_contact_html(brand.contact)}")
    rows += [f"- **{html.escape(k)}:** {_contact_html(v)}" for k, v in brand.extra_contacts.items()]
    if not rows:
        return ('!!! note "Local contacts"\n\n    Your partnership has not added its local contacts yet. '
                "Site editors: set `brand.front_door` and `brand.contact` in mkdocs.yml.\n")
    return "\n".join(rows) + "\n"


def expand(markdown: str, brand: Brand) -> str:
    return markdown.replace(LOCAL_CONTACTS_MARKER, local_contacts(brand)) if LOCAL_CONTACTS_MARKER in markdown else markdown


def check_config(config: Path, file: str | None = None, doc: YamlDoc | None = None) -> list[Problem]:
    """The branding in `config` (mkdocs.yml: plugins > casework > brand), checked as the build checks it, plus a
    logo file that does not exist. For `casework check`; [] when there is no file or no casework brand.
    Pass `doc` when mkdocs.yml is already loaded."""
    doc = doc or read_mapping(config, file)
    if doc is None or not isinstance(doc.data.get("plugins"), list):
        return []
    for i, entry in enumerate(doc.data["plugins"]):
        if isinstance(entry, dict) and isinstance(entry.get("casework"), dict) and isinstance(entry["casework"].get("brand"), dict):
            settings: dict[str, Any] = entry["casework"]["brand"]
            path: tuple[str | int, ...] = ("plugins", i, "casework", "brand")
            break
    else:
        return []
    out: list[Problem] = []
    item = "plugins > casework > brand"
    for key in ("primary", "accent"):
        value = settings.get(key)
        if key in settings and value is None:  # `primary: #1d4f91`: YAML reads everything after # as a comment
            out.append(Problem(doc.file, doc.line(path + (key,)), item, f"brand colour '{key}' is empty, so the site keeps its default colours",
                               f"put the colour in quotes; unquoted, # starts a comment: {key}: \"#1d4f91\""))
        elif value is not None and not isinstance(value, str):
            out.append(Problem(doc.file, doc.line(path + (key,)), item, f"brand colour '{key}' should be a hex colour in quotes",
                               f"for example {key}: \"#1d4f91\""))
    brand = Brand(**{k: settings[k] for k in ("primary", "accent") if isinstance(settings.get(k), str)})
    for msg in problems(brand):
        key = "primary" if "'primary'" in msg else "accent"
        out.append(Problem(doc.file, doc.line(path + (key,)), item, msg, None))
    logo = settings.get("logo")
    docs_dir = str(doc.data["docs_dir"]) if isinstance(doc.data.get("docs_dir"), str) else "docs"
    missing = logo_problem(logo, config.parent / docs_dir, docs_dir) if isinstance(logo, str) else None
    if missing:
        out.append(Problem(doc.file, doc.line(path + ("logo",)), item, *missing))
    return out


def logo_problem(logo: str | None, docs_dir: Path, label: str = "docs") -> tuple[str, str] | None:
    """(message, hint) when the logo is a local file that is not there; None when it is there or is a web address."""
    if not logo or "://" in logo or (docs_dir / logo).is_file():
        return None
    return f"the logo '{logo}' is not in {label}/", f"put the image at {label}/{logo}, or give its path relative to {label}/"
