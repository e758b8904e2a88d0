"""The questionnaire in every format, checked by the real tool or against the format's rules.

XLSForm goes through pyxform (ODK's own converter) for every template in both languages, failing on
any error or warning; LimeSurvey's tab-separated structure is checked against the rules of its manual
and of its importer (classes, question codes of letters and digits up to 20 characters, answers after
their question); SurveyJS JSON is rendered in Chromium by test_survey_browser.py.
"""

from __future__ import annotations

import csv
import json
import re
import zipfile
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

import journeymap as jm
from journeymap.io.catalog import template, template_names
from journeymap.survey import design, save_questionnaire
from journeymap.survey.limesurvey import COLUMNS, limesurvey_names

TEMPLATES = template_names()
HOSTILE = '=HYPERLINK("http://x","y") <script>alert(1)</script> | *bold* $x$\nsecond line'


def _converted(path: Path) -> tuple[str, list[str]]:
    warnings: list[str] = []
    result = convert(xlsform=str(path), warnings=warnings)
    return result.xform, warnings


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", TEMPLATES)
def test_pyxform_converts_every_templates_xlsform_without_error_or_warning(name: str, language: str,
                                                                           tmp_path: Path) -> None:
    journey = template(name, language)
    [path] = save_questionnaire(design(journey), tmp_path / "survey.xlsx")
    xform, warnings = _converted(path)
    assert warnings == []
    for tp in journey.moments_of_truth:
        assert f'nodeset="/data/section_{tp.id}" relevant=" /data/section_lived/lived_{tp.id}  = \'yes\'"' in xform
        assert f"/data/section_{tp.id}/mot_{tp.id}_overall" in xform
    assert "/data/section_end/nps" in xform


@pytest.mark.parametrize("language", ["en", "es"])
def test_pyxform_converts_each_pulse_form(language: str, tmp_path: Path) -> None:
    paths = save_questionnaire(design(template("telecom_outage", language), mode="pulse", segments=["A", "B"]),
                               tmp_path / "pulse.xlsx")
    assert len(paths) == len(template("telecom_outage", language).moments_of_truth) + 1
    for path in paths:
        assert _converted(path)[1] == []


def test_xlsform_text_is_never_a_formula(tmp_path: Path) -> None:
    journey = template("service_cycle", "en").update_touchpoint("sales_line", name=HOSTILE)
    [path] = save_questionnaire(design(journey), tmp_path / "survey.xlsx")
    with zipfile.ZipFile(path) as book:
        sheets = [book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in sheet for sheet in sheets)
    xform, warnings = _converted(path)
    assert warnings == [] and "HYPERLINK" in xform


def test_limesurvey_structure_follows_the_format(tmp_path: Path) -> None:
    questionnaire = design(template("service_cycle", "es"), segments=["Pyme", "Gran empresa"])
    [path] = save_questionnaire(questionnaire, tmp_path / "survey.tsv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, as LimeSurvey exports it
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter="\t"))
    assert tuple(rows[0]) == COLUMNS
    records = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert {"name": "language", "text": "es"}.items() <= records[0].items()
    classes = [r["class"] for r in records]
    assert set(classes) == {"S", "SL", "G", "Q", "A"}
    names = limesurvey_names(questionnaire)
    questions = [r for r in records if r["class"] == "Q"]
    assert [r["name"] for r in questions] == [names[c] for c in questionnaire.codes]
    for record in questions:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", record["name"]), record["name"]
    assert names["mot_proposal_review_overall"] == "motProposalReviewOve"
    for record in records:
        if record["class"] == "G" and record["relevance"] != "1":
            assert re.fullmatch(r"(\w+) == 'Y'", record["relevance"])
            assert record["relevance"].split()[0] in names.values()
    # every answer follows a list question, and only list questions have answers
    current = None
    for record in records:
        if record["class"] == "Q":
            current = record
        elif record["class"] == "A":
            assert current is not None and current["type/scale"] == "L"
            assert len(record["name"]) <= 5
    answers = [r["name"] for r in records if r["class"] == "A"]
    assert answers.count("A2") == 1 and answers.count("10") == 1  # the segment options, the NPS top


def test_limesurvey_names_are_unique_and_short_even_for_long_ids() -> None:
    journey = template("service_cycle", "en")
    long = "a_very_long_touchpoint_identifier"
    journey = journey.rename_touchpoint("sales_line", long).rename_touchpoint("discovery_call", long + "_x")
    names = limesurvey_names(design(journey))
    assert len(set(n.lower() for n in names.values())) == len(names)
    assert all(len(n) <= 20 for n in names.values())


def test_surveyjs_json_names_each_question_by_its_code(tmp_path: Path) -> None:
    questionnaire = design(template("service_cycle", "en"))
    [path] = save_questionnaire(questionnaire, tmp_path / "survey.json")
    model = json.loads(path.read_text())
    elements = [e for page in model["pages"] for e in page["elements"]]
    assert [e["name"] for e in elements] == list(questionnaire.codes)
    pages = {page["name"]: page for page in model["pages"]}
    assert pages["section_sales_line"]["visibleIf"] == "{lived_sales_line} = true"
    rating = next(e for e in elements if e["name"] == "mot_sales_line_r1")
    assert [v["value"] for v in rating["rateValues"]] == [1, 2, 3, 4, 5]
    nps = next(e for e in elements if e["name"] == "nps")
    assert (nps["rateMin"], nps["rateMax"], nps["maxRateDescription"]) == (0, 10, "Extremely likely")


def test_printable_questionnaires_show_hostile_text_literally(tmp_path: Path) -> None:
    journey = template("service_cycle", "en").update_touchpoint("sales_line", name=HOSTILE)
    questionnaire = design(journey)
    markdown = jm.survey.questionnaire_markdown(questionnaire)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert r"\| \*bold\*" in markdown and "\nsecond line" not in markdown
    page = jm.survey.questionnaire_html(questionnaire)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Answer this part only if you answered “Yes” to question 1." in markdown


def test_the_codebook_has_both_languages_and_neutralised_cells(tmp_path: Path) -> None:
    journey = template("service_cycle", "en").update_touchpoint("sales_line", name=HOSTILE)
    [path] = save_questionnaire(design(journey), tmp_path / "codebook.csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    by_code = {row["code"]: row for row in rows}
    assert list(rows[0])[:4] == ["code", "form", "kind", "moment"]
    assert by_code["mot_help_desk_r1"]["requirement_text"] == "Chat answered within 2 minutes"
    assert by_code["mot_help_desk_r1"]["wording_es"] == ("¿Cuál es su grado de satisfacción con: chat answered within "
                                                         "2 minutes?")
    assert by_code["mot_sales_line_overall"]["moment_name"].startswith("'=HYPERLINK")
    assert by_code["nps"]["values"] == "0-10" and by_code["lived_go_live"]["labels_es"] == "1=Sí; 0=No"


def test_the_format_comes_from_the_extension_or_is_named(tmp_path: Path) -> None:
    questionnaire = design(template("service_cycle", "en"))
    [path] = save_questionnaire(questionnaire, tmp_path / "q.txt", "markdown")
    assert path.read_text().startswith("# Your opinion of our service")
    with pytest.raises(jm.NotFound, match=r"cannot tell the survey format from 'q.docx'; name the file"):
        save_questionnaire(questionnaire, tmp_path / "q.docx")
    with pytest.raises(jm.NotFound, match="unknown survey format 'xlsx'; choose one of: xlsform, surveyjs"):
        save_questionnaire(questionnaire, tmp_path / "q.xlsx", "xlsx")
