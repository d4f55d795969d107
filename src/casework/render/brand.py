"""Branding rendered: colours as CSS custom properties for Material, and local contacts as a Markdown block."""

from __future__ import annotations

import html
import re

from casework.content.brand import HEX, Brand, shade

LOCAL_CONTACTS_MARKER = "<!-- casework:local-contacts -->"


def css(brand: Brand) -> str:
    """CSS custom properties that recolour Material (used with palette primary/accent 'custom')."""
    lines = []
    if brand.primary and HEX.match(brand.primary):
        lines += [f"  --md-primary-fg-color: {brand.primary};", f"  --md-primary-fg-color--light: {shade(brand.primary, 1.25)};",
                  f"  --md-primary-fg-color--dark: {shade(brand.primary, 0.8)};"]
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
