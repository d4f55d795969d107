"""Branding checks on mkdocs.yml: colours (and their WCAG contrast), a logo file that exists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casework.content.brand import HEX, Brand, contrast
from casework.content.model import url_scheme
from casework.content.yamlsrc import YamlDoc, read_mapping
from casework.problems import Problem


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
    """(message, hint) when the logo is not a file under the docs folder: a web address (the site loads nothing from
    another host), a path that leaves the folder, or a file that is not there. None when it is there."""
    if not logo:
        return None
    if url_scheme(logo) is not None or logo.strip().startswith("//"):
        what = "a web address, but the site loads nothing from another host" if url_scheme(logo) in ("http", "https", None) else "not a file path"
        return (f"the logo '{logo}' is {what}",
                f"save the image under {label}/ (e.g. {label}/assets/logo.svg) and give its path: logo: assets/logo.svg")
    folder = docs_dir.resolve()
    if not (docs_dir / logo).resolve().is_relative_to(folder):
        return f"the logo '{logo}' is outside {label}/", f"put the image under {label}/ and give its path relative to {label}/"
    if (docs_dir / logo).is_file():
        return None
    return f"the logo '{logo}' is not in {label}/", f"put the image at {label}/{logo}, or give its path relative to {label}/"
