"""Answers read back from every tool, with every problem named by file, row and column."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import journeymap as jm
from journeymap.io.catalog import template
from journeymap.survey import design, limesurvey_names, read_responses, sample_answers

JOURNEY = template("service_cycle", "en")
QUESTIONNAIRE = design(JOURNEY, segments=["Small business", "Enterprise"])

BAD_CSV = """\
respondent,lived_sales_line,mot_sales_line_overall,mot_sales_line_r1,mot_sales_lin_r2,mot_website_overall,nps,colour
R1,yes,5,4,,3,9,blue
R2,sí,7,4,,,10,red
R3,no,,,,,0,
R1,1,4,4,,,8,
R4,Y,four,3,,,8,
R5,0,3,,,,6,
"""


def test_every_problem_is_named_and_valid_rows_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(BAD_CSV)
    answers = read_responses(path, QUESTIONNAIRE)
    assert [str(issue) for issue in answers.issues] == [
        f"{path}: warning: mot_sales_lin_r2: column about 'sales_lin', which is not a moment of truth of this "
        "journey (did you mean 'sales_line'?): left out",
        f"{path}: warning: mot_website_overall: column about 'website', which is not a moment of truth of this "
        "journey: left out",
        f"{path}: warning: colour: unknown column: left out",
        f"{path}:5: respondent: respondent 'R1' already answered at row 2: this row is set aside",
        f"{path}:6: mot_sales_line_overall: text 'four' in a satisfaction (CSAT) item: expected a whole number 1–5: "
        "this row is set aside",
        f"{path}:3: mot_sales_line_overall: 7 is outside the satisfaction (CSAT) scale 1–5: this row is set aside",
        f"{path}: warning: mot_sales_line_overall: 1 respondent answered it but said they did not go through "
        "'sales_line' (lived_sales_line = no): those answers are left out",
    ]
    assert (answers.rows_read, answers.rows_kept) == (6, 3)
    assert list(answers.table.index) == ["R1", "R3", "R5"] and list(answers.rejected.index) == ["R2", "R1", "R4"]
    assert answers.table["lived_sales_line"].tolist() == [1.0, 0.0, 0.0]
    assert answers.table["mot_sales_line_overall"].tolist()[0] == 5.0
    assert np.isnan(answers.table.loc["R5", "mot_sales_line_overall"])  # said no: the answer is left out
    assert answers.summary() == "6 rows read, 3 kept, 3 set aside; 7 problems reported"


def test_many_bad_cells_are_reported_one_by_one_then_counted() -> None:
    frame = pd.DataFrame({"nps": [11] * 30})
    answers = read_responses(frame, QUESTIONNAIRE)
    messages = [str(i) for i in answers.issues]
    assert len(messages) == 21 and messages[-1] == "nps: 10 more rows like these in this column were set aside"
    assert messages[0] == "[0].nps: 11 is outside the recommendation (NPS) scale 0–10: this row is set aside"
    assert answers.rows_kept == 0


@pytest.mark.parametrize("words", [("1", "0"), ("yes", "no"), ("Sí", "No"), ("Y", "N"), ("true", "false")])
def test_lived_answers_take_every_way_of_saying_yes_and_no(words: tuple[str, str]) -> None:
    frame = pd.DataFrame({"lived_go_live": [words[0], words[1], ""]})
    assert read_responses(frame, QUESTIONNAIRE).table["lived_go_live"].tolist()[:2] == [1.0, 0.0]


def test_kobo_exports_with_semicolons_and_group_prefixes(tmp_path: Path) -> None:
    path = tmp_path / "kobo.csv"
    path.write_text("start;end;section_lived/lived_go_live;section_go_live/mot_go_live_overall;section_end/nps;"
                    "_id;_uuid;_submission_time\n"
                    "2025-01-01;2025-01-01;yes;4;9;1;a-1;2025-01-01\n"
                    "2025-01-01;2025-01-01;no;;3;2;a-2;2025-01-01\n")
    answers = read_responses(path, QUESTIONNAIRE)
    assert answers.issues == ()
    assert list(answers.table.index) == ["a-1", "a-2"]  # _uuid is the respondent
    assert answers.table["mot_go_live_overall"].tolist()[0] == 4.0 and answers.table["nps"].tolist() == [9.0, 3.0]


def test_odk_central_group_separator_and_xlsx(tmp_path: Path) -> None:
    frame = pd.DataFrame({"KEY": ["uuid:1", "uuid:2"], "section_lived-lived_help_desk": ["yes", "yes"],
                          "section_help_desk-ces_help_desk": [6, 7]})
    frame.to_excel(tmp_path / "central.xlsx", index=False)
    answers = read_responses(tmp_path / "central.xlsx", QUESTIONNAIRE)
    assert answers.issues == () and answers.table["ces_help_desk"].tolist() == [6.0, 7.0]


def test_surveyjs_results_are_read_as_they_come(tmp_path: Path) -> None:
    results = [{"lived_help_desk": True, "mot_help_desk_overall": 2, "nps": 6, "improve": "Faster"},
               {"lived_help_desk": False, "nps": 10, "segment": 2}]
    path = tmp_path / "results.json"
    path.write_text(json.dumps(results))
    answers = read_responses(path, QUESTIONNAIRE)
    assert answers.issues == ()
    assert answers.table["lived_help_desk"].tolist() == [1.0, 0.0]
    assert answers.table["improve"].tolist()[0] == "Faster" and answers.table["segment"].tolist()[1] == 2.0
    path.write_text("\n".join(json.dumps(r) for r in results))  # JSON lines
    assert read_responses(path, QUESTIONNAIRE).rows_kept == 2


def test_limesurvey_exports_come_back_to_their_codes(tmp_path: Path) -> None:
    names = limesurvey_names(QUESTIONNAIRE)
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", names["lived_sales_line"],
              names["mot_sales_line_overall"], names["segment"], names["nps"]]
    rows = [["1", "2025-01-01 10:00:00", "5", "es", "123", "Y", "4", "A2", "9"],
            ["2", "2025-01-01 10:05:00", "5", "es", "456", "N", "", "A1", "6"]]
    path = tmp_path / "results-survey123.csv"
    path.write_text("\n".join(",".join(f'"{cell}"' for cell in row) for row in [header, *rows]) + "\n")
    answers = read_responses(path, QUESTIONNAIRE)
    assert answers.issues == ()
    assert answers.table.loc["1", "mot_sales_line_overall"] == 4.0
    assert answers.table["segment"].tolist() == [2.0, 1.0] and answers.table["lived_sales_line"].tolist() == [1, 0]


def test_a_file_with_none_of_the_questions_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,age\nAna,30\n")
    with pytest.raises(jm.JourneyError, match=r"other.csv: no column of this questionnaire was found \(expected "
                                              r"columns named by the question codes: lived_sales_line"):
        read_responses(path, QUESTIONNAIRE)
    with pytest.raises(jm.JourneyError, match="no such file"):
        read_responses(tmp_path / "missing.csv", QUESTIONNAIRE)


def test_generated_answers_round_trip_through_csv(tmp_path: Path) -> None:
    frame = sample_answers(QUESTIONNAIRE, 50, seed=3)
    frame.to_csv(tmp_path / "answers.csv")
    answers = read_responses(tmp_path / "answers.csv", QUESTIONNAIRE)
    assert answers.issues == () and answers.rows_kept == 50
    pd.testing.assert_frame_equal(answers.table, frame.astype(float), check_names=False)
