"""The authoring guide's field table lists every field of every content schema with a type (issue #18)."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from casework.content import model

GUIDE = Path(__file__).resolve().parents[1] / "docs/authoring/fields.md"
# schema -> the "In" label its rows use; fields inherited from Dated are listed once, under "dates"
WHERE: dict[type[BaseModel], str] = {
    model.Source: "source", model.Review: "review", model.LearningItem: "learning item", model.Scenario: "scenario",
    model.Node: "node", model.Choice: "choice", model.Debrief: "debrief", model.FacilitatorNote: "facilitator note",
    model.QuizBank: "quiz bank", model.Question: "question", model.Option: "option", model.Term: "glossary term",
    model.Theme: "theme", model.Module: "training module", model.Outcome: "outcome", model.QuestionSet: "self-assessment set",
    model.Dated: "dates", model.Amendment: "amendment",
}
WRAPPERS = {model.SourcesFile, model.GlossaryFile, model.ThemesFile, model.Strict, model.Traced}
TYPES = ("plain text", "Markdown", "ID", "reference", "citation", "URL", "date", "number", "yes/no", "choice", "regular expression",
         "map of", "list of", "lists of", "learning item", "facilitator note", "debrief")


def table() -> dict[tuple[str, str], str]:
    rows: dict[tuple[str, str], str] = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("In", "---"):
            continue
        where = re.sub(r"\s*\(.*\)$", "", cells[0])
        for field in re.findall(r"`([a-z_]+)`", cells[1]):
            rows[(where, field)] = cells[2]
    return rows


def test_every_model_field_is_in_the_guide_with_a_type() -> None:
    rows = table()
    schemas = {c for c in vars(model).values() if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == model.__name__}
    assert schemas - WRAPPERS <= set(WHERE), f"a new schema needs rows in {GUIDE.name}: {sorted(c.__name__ for c in schemas - WRAPPERS - set(WHERE))}"
    missing = []
    for schema, where in WHERE.items():
        own = set(schema.model_fields) - (set(model.Dated.model_fields) if schema is not model.Dated else set())
        for field in sorted(own):
            kind = rows.get((where, field))
            if kind is None:
                missing.append(f"{where}: {field}")
            else:
                assert kind.startswith(TYPES), f"{where}.{field}: '{kind}' is not one of the documented types"
    assert missing == [], f"fields missing from {GUIDE.name}: {missing}"


def test_the_table_names_no_field_that_does_not_exist() -> None:
    known = {(where, f) for schema, where in WHERE.items() for f in schema.model_fields}
    extra = [k for k in table() if k[0] != "page front matter" and k not in known]
    assert extra == [], f"rows for fields the schemas do not have: {extra}"
