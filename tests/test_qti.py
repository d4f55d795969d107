"""QTI export: every bank becomes a valid QTI package an LMS can import, with stable IDs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from casework.checks import load_project
from casework.publish.qti import write_qti
from conftest import MINI, REPO

QTI21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
QTI12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def test_mini_bank_exports_as_valid_qti_with_the_expected_items(tmp_path: Path) -> None:
    paths = write_qti(load_project(MINI), tmp_path)
    assert sorted(p.name for p in paths) == ["demo-qti12.zip", "demo-qti21.zip"]
    with zipfile.ZipFile(tmp_path / "demo-qti21.zip") as z:
        docs = {name: ET.fromstring(z.read(name)) for name in z.namelist()}  # every file is well-formed XML
        items = sorted(n for n in docs if n.startswith("items/"))
        assert items == ["items/cw-demo-q1.xml", "items/cw-demo-q2.xml", "items/cw-demo-q3.xml"]
        refs = [e.get("identifier") for e in docs["assessment.xml"].iter(f"{QTI21}assessmentItemRef")]
        assert refs == ["cw-demo-q1", "cw-demo-q2", "cw-demo-q3"]
        q2 = docs["items/cw-demo-q2.xml"]
        interaction = q2.find(f".//{QTI21}choiceInteraction")
        assert interaction is not None and interaction.get("maxChoices") == "0"  # multiple: any number
        correct = [v.text for v in q2.iter(f"{QTI21}value") if v.text and v.text.startswith("cw-demo-q2-a")]
        assert correct == ["cw-demo-q2-a1", "cw-demo-q2-a2"]
        feedback = z.read("items/cw-demo-q2.xml").decode()
        assert "Nobody</strong> (not right): No. Information not shared is the theme of the review." in feedback
        assert "Sources: Demo protocol 3.4" in feedback
        q3 = docs["items/cw-demo-q3.xml"]
        assert q3.find(f".//{QTI21}textEntryInteraction") is not None
    with zipfile.ZipFile(tmp_path / "demo-qti12.zip") as z:
        assessment = ET.fromstring(z.read("assessment.xml"))
        assert len(list(assessment.iter(f"{QTI12}itemref"))) == 3


def test_export_is_stable_between_runs(tmp_path: Path) -> None:
    first = write_qti(load_project(MINI), tmp_path / "a")
    second = write_qti(load_project(MINI), tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_every_real_bank_exports_every_question(tmp_path: Path, version: str) -> None:
    project = load_project(REPO)
    paths = write_qti(project, tmp_path, (version,))
    assert len(paths) == len(project.quizzes) == len(list((REPO / 'quizzes').glob('*.yml')))
    for path in paths:
        bank = project.quizzes[path.name.rsplit("-qti", 1)[0]].obj
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                ET.fromstring(z.read(name))
            manifest = z.read("imsmanifest.xml").decode()
            if version == "2.1":
                assert manifest.count('type="imsqti_item_xmlv2p1"') == len(bank.questions)
            else:
                assert len(list(ET.fromstring(z.read("assessment.xml")).iter(f"{QTI12}itemref"))) == len(bank.questions)


def test_cli_exports_every_bank_and_refuses_broken_ones(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from casework.cli import main

    assert main(["--root", str(mini_copy), "export", "qti", "--out", str(tmp_path / "qti"), "--version", "2.1"]) == 0
    assert "1 banks, 3 questions, as QTI 2.1 packages" in capsys.readouterr().out
    assert [p.name for p in (tmp_path / "qti").iterdir()] == ["demo-qti21.zip"]
    bank = mini_copy / "quizzes/demo.yml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("        correct: true\n", "", 1), encoding="utf-8")
    assert main(["--root", str(mini_copy), "export", "qti", "--out", str(tmp_path / "again")]) == 1
    err = capsys.readouterr().err
    assert "quizzes/demo.yml:9: question 'q1': has no correct answer" in err
    assert "casework export qti: the content has errors, so nothing was exported" in err
    assert not (tmp_path / "again").exists()


HOSTILE_TITLE = 'The "new" partner & <her> children\'s "safety'


def test_quotes_and_markup_in_a_bank_title_give_well_formed_packages(mini_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #18: a '"' in a bank title made assessment.xml not well-formed in both packages, and the export said it worked.
    (No IMS QTI 2.1 XSD can be had from PyPI, npm or Debian here, so the structure is checked instead of the schema.)"""
    from casework.cli import main

    bank = mini_copy / "quizzes/demo.yml"
    text = bank.read_text(encoding="utf-8").replace("title: Demo quiz", f"title: '{HOSTILE_TITLE.replace(chr(39), chr(39) * 2)}'", 1)
    bank.write_text(text.replace("stem: Who should you tell?", 'stem: Who should you tell about &quot;Mr Z&quot; and "the <b>new</b> partner"?', 1), encoding="utf-8")
    assert main(["--root", str(mini_copy), "export", "qti", "--out", str(tmp_path / "qti")]) == 0
    capsys.readouterr()
    shown = "The \u201cnew\u201d partner & <her> children's \u201dsafety"
    with zipfile.ZipFile(tmp_path / "qti/demo-qti21.zip") as z:
        docs = {name: ET.fromstring(z.read(name)) for name in z.namelist()}  # every file well-formed
        test = docs["assessment.xml"]
        assert test.tag == f"{QTI21}assessmentTest" and test.get("title") == shown
        parts = test.findall(f"{QTI21}testPart")
        assert len(parts) == 1 and parts[0].get("navigationMode") and parts[0].get("submissionMode")
        section = parts[0].find(f"{QTI21}assessmentSection")
        assert section is not None
        refs = [r.get("href") for r in section.iter(f"{QTI21}assessmentItemRef")]
        assert refs == [f"items/cw-demo-q{i}.xml" for i in (1, 2, 3)] and all(r in docs for r in refs)
        for ref in refs:
            item = docs[ref]
            assert item.tag == f"{QTI21}assessmentItem" and item.get("identifier") == ref[6:-4]
            assert item.find(f"{QTI21}responseDeclaration") is not None and item.find(f"{QTI21}itemBody") is not None
        assert docs["items/cw-demo-q2.xml"].get("title", "").startswith("Who should you tell about \u201cMr Z\u201d")
        manifest = docs["imsmanifest.xml"]
        assert [r.get("href") for r in manifest.iter("{http://www.imsglobal.org/xsd/imscp_v1p1}resource")][1:] == refs
    with zipfile.ZipFile(tmp_path / "qti/demo-qti12.zip") as z:
        docs = {name: ET.fromstring(z.read(name)) for name in z.namelist()}
        assessment = docs["assessment.xml"].find(f"{QTI12}assessment")
        assert assessment is not None and assessment.get("title") == shown
