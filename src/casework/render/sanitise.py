"""Markdown fields can never run script: rendered HTML is cleaned against an allowlist (nh3, the Ammonia sanitiser).

Plain-text fields are escaped where they are written (`html.esc`, `html.text`); Markdown fields are rendered and
the HTML that results is passed through `clean`. What survives is the markup Markdown, the site's extensions,
mkdocs-quiz and casework's own renderers write: headings, lists, tables, links, images from the site itself,
details, dialogs, forms and their inputs (no action, no handlers), the scenario map's SVG, and `class`, `id`, `role`,
`aria-*` and `data-*` attributes. Scripts, styles, iframes, objects, event handlers and `javascript:` links go.
Comments are kept (the tags listing and mkdocs-quiz use them as markers); the parser closes an unclosed one.
"""

from __future__ import annotations

from collections.abc import Iterable

import nh3

SVG_TAGS = {"svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text", "tspan", "title", "desc", "defs", "marker"}
TAGS = set(nh3.ALLOWED_TAGS) | SVG_TAGS | {
    "main", "section", "input", "label", "button", "fieldset", "legend", "textarea", "select", "option", "optgroup", "form",
    "output", "meter", "progress", "dialog",
} - {"acronym", "center", "strike", "tt"}
GLOBAL_ATTRIBUTES = {"class", "id", "title", "role", "tabindex", "hidden", "lang", "dir"}
SVG_ATTRIBUTES = {"viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
                  "fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-weight", "text-anchor", "transform",
                  "marker-end", "markerWidth", "markerHeight", "refX", "refY", "orient", "dominant-baseline", "preserveAspectRatio"}
ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang", "name", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "td": {"rowspan", "colspan", "headers", "align", "style"},
    "th": {"rowspan", "colspan", "scope", "headers", "align", "style"},
    "time": {"datetime"},
    "details": {"open"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "disabled", "placeholder", "autocomplete", "size", "required", "readonly",
              "min", "max", "step", "multiple", "maxlength", "inputmode", "accept"},
    "button": {"type", "name", "value", "disabled"},
    "form": {"method"},  # method="dialog" closes a <dialog>; no action is kept, so a form never posts elsewhere
    "dialog": {"open"},
    "textarea": {"name", "rows", "cols", "placeholder", "maxlength", "required", "readonly", "disabled", "autocomplete"},
    "select": {"name", "multiple", "required", "disabled", "autocomplete"},
    "option": {"value", "selected", "disabled", "label"},
    "optgroup": {"label", "disabled"},
    "output": {"for", "name"},
    "meter": {"value", "min", "max", "low", "high", "optimum"},
    "progress": {"value", "max"},
    **{tag: SVG_ATTRIBUTES for tag in SVG_TAGS},
}
URL_SCHEMES = {"http", "https", "mailto"}
_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"data-", "aria-"},
    url_schemes=URL_SCHEMES,
    link_rel=None,  # links are the site's own or cited documents; leave them as written
    strip_comments=False,
    filter_style_properties={"text-align"},  # Markdown tables align columns with a style attribute, and nothing else is kept
)


def clean(html_text: str, keep: Iterable[str] = ()) -> str:
    """HTML with everything outside the allowlist removed.

    `keep` are exact fragments the caller wrote itself and trusts (a page's own `<script src>` for its scenario
    data): each is set aside before cleaning and put back after, so nothing else can borrow their privilege.
    """
    kept: dict[str, str] = {}
    for i, fragment in enumerate(dict.fromkeys(f for f in keep if f)):
        if fragment in html_text:
            token = f"cwkeep{i}x{len(fragment)}z"
            while token in html_text:
                token += "z"
            kept[token] = fragment
            html_text = html_text.replace(fragment, token)
    out = _CLEANER.clean(html_text)
    for token, fragment in kept.items():
        out = out.replace(token, fragment)
    return out
