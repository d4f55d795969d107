"""Publishing to the web: the site_url check and the ready-made CI workflow examples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from casework.checks.siteurl import check_site_url
from casework.content.yamlsrc import load_yaml
from conftest import REPO


def problems(text: str) -> list[str]:
    doc, errs = load_yaml(text, "mkdocs.yml")
    assert doc is not None and not errs
    return [str(p) for p in check_site_url(doc)]


@pytest.mark.parametrize("value", ['""', "https://learning.example.org.uk/casework/", "http://intranet.local/"])
def test_an_empty_or_absolute_site_url_passes(value: str) -> None:
    assert problems(f"site_name: x\nsite_url: {value}\n") == []


@pytest.mark.parametrize(("value", "message"), [
    ("learning.example.org.uk/casework/", "mkdocs.yml:2: site_url 'learning.example.org.uk/casework/' is not an absolute web address"),
    ("/casework/", "is not an absolute web address"),
    ("javascript:alert(1)", "is not an absolute web address"),
    ("https://learning.example.org.uk/casework", "warning: site_url 'https://learning.example.org.uk/casework' has no trailing slash"),
])
def test_a_relative_or_odd_site_url_is_reported_with_the_fix(value: str, message: str) -> None:
    (found,) = problems(f"site_name: x\nsite_url: {value}\n")
    assert message in found and "how to fix: write the address the site is published at" in found


@pytest.mark.parametrize("name", ["github-pages.yml", "gitlab-pages.yml"])
def test_the_ci_examples_check_and_build_and_publish_the_site(name: str) -> None:
    text = (REPO / "docs" / "authoring" / "examples" / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    steps = str(data)
    assert "make check build" in steps
    if name.startswith("github"):
        assert data[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
        assert "'path': 'site'" in steps and "actions/deploy-pages" in steps
    else:
        assert data["pages"]["artifacts"]["paths"] == ["public"] and "mv site public" in steps


def test_the_guide_links_the_examples(real_site: Path) -> None:
    guide = (real_site / "authoring" / "index.html").read_text(encoding="utf-8")
    for name in ("github-pages.yml", "gitlab-pages.yml"):
        assert f'href="examples/{name}"' in guide
        assert (real_site / "authoring" / "examples" / name).is_file()
