"""Answers read back from whatever tool collected them, checked against the questionnaire.

    answers = read_responses("kobo_export.csv", questionnaire)
    answers.table            # one row per respondent kept, one column per question code
    answers.issues           # every problem, with file, row and column
    answers.rows_read, answers.rows_kept

Read: XLSForm/KoboToolbox/ODK/SurveyCTO exports (CSV with ``,`` or ``;``, or XLSX; group prefixes
such as ``section_lived/lived_call`` are understood), SurveyJS results (a JSON list of
``survey.data`` objects, or JSON lines), LimeSurvey's CSV export (question codes as headings, answer
codes as values), or any wide CSV whose columns are the codes, one row per respondent. ``lived_*``
answers may be 1/0, yes/no, sí/no, Y/N or true/false; an empty cell is no answer; CSAT items take
1–5, CES 1–7, NPS 0–10.

Nothing is dropped silently: an unknown column, a column about a touchpoint that is not a moment of
truth, an answer outside its scale, text in a numeric item, a respondent id seen before — each is an
:class:`~journeymap.errors.Issue` naming the file, the row (the line of a CSV) and the column. A
row holding an invalid answer is set aside whole (in :attr:`Responses.rejected`); the valid rows are
kept and counted.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from journeymap.errors import Issue, JourneyError, did_you_mean
from journeymap.survey.limesurvey import limesurvey_names
from journeymap.survey.questionnaire import Question, Questionnaire
from journeymap.text import count

__all__ = ["ID_COLUMNS", "METADATA_COLUMNS", "Responses", "read_responses"]

ID_COLUMNS = ("respondent", "respondent_id", "id", "_uuid", "meta/instanceID", "instanceID", "KEY", "_id",
              "response_id", "ResponseId")
"""Columns taken as the respondent's id, in order of preference."""

METADATA_COLUMNS = frozenset({
    # KoboToolbox / ODK / SurveyCTO
    "start", "end", "today", "deviceid", "username", "phonenumber", "audit", "_id", "_uuid", "_submission_time",
    "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index", "_version_",
    "meta/instanceID", "meta/rootUuid", "meta/deprecatedID", "instanceID", "KEY", "SubmissionDate", "SubmitterID",
    "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
    "FormVersion", "formdef_version", "duration", "CompletionDate", "welcome",
    # LimeSurvey
    "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "token",
    # generic
    "respondent", "respondent_id", "response_id", "ResponseId", "date", "timestamp",
})
"""Columns that tools add to their exports (times, ids, device, language): read without a message."""

YES = frozenset({"1", "1.0", "yes", "y", "si", "sí", "true", "t", "s"})
NO = frozenset({"0", "0.0", "no", "n", "false", "f"})
_YES_NO = {**dict.fromkeys(YES, 1.0), **dict.fromkeys(NO, 0.0)}
MAX_MESSAGES = 20
"""Problems reported one by one per column and kind; the rest are counted in one message."""


@dataclass
class Responses:
    """Answers checked against a questionnaire.

    ``table``: one row per respondent kept (index ``respondent``), one column per question code found
    (numbers for the scales, 1/0 for ``lived_*``, text for ``improve``), NaN where unanswered;
    ``rejected``: the rows set aside, as read; ``issues``: every problem found; ``source``: the file.
    """

    table: pd.DataFrame
    questionnaire: Questionnaire
    issues: tuple[Issue, ...] = ()
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)
    source: str | None = None
    rows_read: int = 0

    @property
    def rows_kept(self) -> int:
        return len(self.table)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    def summary(self, language: str = "en") -> str:
        """One line for people, in ``language``: rows read, kept and set aside."""
        from journeymap.text import translator

        words = translator(language)
        problems = words.ngettext("{n} problem reported", "{n} problems reported", len(self.issues))
        return words.gettext("{read} rows read, {kept} kept, {aside} set aside; {problems}",
                             read=count(self.rows_read, language), kept=count(self.rows_kept, language),
                             aside=count(self.rows_read - self.rows_kept, language), problems=problems)

    def __repr__(self) -> str:
        return f"<Responses from {self.source or 'a table'}: {self.summary()}>"


# -- reading the raw table ---------------------------------------------------------------------------
def _separator(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def _read_json(path: Path) -> pd.DataFrame:
    text = path.read_text(encoding="utf-8-sig")
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError as exc:
            raise JourneyError(Issue(f"not a SurveyJS result file: {exc.msg}", file=str(path),
                                     line=exc.lineno)) from None
    if isinstance(data, Mapping):
        data = data.get("results", data.get("data", [data]))
    if not isinstance(data, list) or not all(isinstance(item, Mapping) for item in data):
        raise JourneyError(Issue("expected a list of SurveyJS results (one object of answers per respondent)",
                                 file=str(path)))
    return _frame(data)


def _frame(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(records))
    return frame.astype(object).where(frame.notna(), None)


def _read(source: Any) -> tuple[pd.DataFrame, str | None, int]:
    """The raw table, the file's name, and the line of its first data row (2 under a header; 0 where
    rows are items of a list or a table, named by position)."""
    if isinstance(source, pd.DataFrame):
        named = not isinstance(source.index, pd.RangeIndex) or source.index.name is not None
        frame = source.reset_index() if named else source.reset_index(drop=True)
        return frame, None, 0
    if isinstance(source, list | tuple):
        return _frame(source), None, 0
    path = Path(source)
    if not path.exists():
        raise JourneyError(Issue("no such file", file=str(path)))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            frame = pd.read_excel(path, dtype=object)
        except Exception as exc:  # openpyxl's many errors for a file that is not a workbook
            raise JourneyError(Issue(f"cannot read the workbook: {exc}", file=str(path))) from None
        return frame.where(frame.notna(), None), str(path), 2
    if suffix in (".json", ".jsonl"):
        return _read_json(path), str(path), 0
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    try:
        frame = pd.read_csv(path, sep=_separator(first), keep_default_na=False, na_values=[""], encoding="utf-8-sig",
                            skipinitialspace=True, low_memory=False)
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise JourneyError(Issue(f"cannot read the file as CSV: {exc}", file=str(path))) from None
    return frame, str(path), 2


# -- columns ------------------------------------------------------------------------------------------
_CODE = re.compile(r"^(?:lived_(?P<lived>.+)|ces_(?P<ces>.+)|mot_(?P<mot>.+?)_(?:overall|r\d+))$")


def _codes_by_name(questionnaire: Questionnaire) -> dict[str, str]:
    """Every name a column may carry for each code: the code, its LimeSurvey name (any case)."""
    names = {code: code for code in questionnaire.codes}
    names.update({name: code for code, name in limesurvey_names(questionnaire).items()})
    names.update({name.lower(): code for name, code in list(names.items())})
    return names


def _match(column: str, names: dict[str, str]) -> str | None:
    text = str(column).strip()
    for candidate in (text, text.lower()):
        if candidate in names:
            return names[candidate]
    for separator in ("/", "-", ":", "."):  # group prefixes: section_lived/lived_call, section_lived-lived_call
        parts = text.split(separator)
        for start in range(1, len(parts)):
            tail = separator.join(parts[start:])
            if tail in names:
                return names[tail]
    return None


def _subject(column: str) -> str | None:
    """The touchpoint a column named like a code is about (``mot_x_r1`` → ``x``), else ``None``."""
    name = str(column).strip().rsplit("/", 1)[-1]
    found = _CODE.match(name)
    if not found:
        return None
    return next(value for value in found.groupdict().values() if value)


# -- values -------------------------------------------------------------------------------------------
def _yes_no(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """1/0 for yes/no answers (NaN when empty), and where the answer is neither."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return values.to_numpy(dtype=float), np.zeros(len(values), dtype=bool)
    if pd.api.types.is_numeric_dtype(values.dtype):
        numbers = values.to_numpy(dtype=float)
        return np.where((numbers == 0) | (numbers == 1), numbers, np.nan), ~np.isnan(numbers) & (numbers != 0) & (
            numbers != 1)
    text = values.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else
                      ("true" if v else "false") if isinstance(v, bool | np.bool_) else str(v).strip().lower())
    answers = text.map(_YES_NO).to_numpy(dtype=float)
    return answers, np.isnan(answers) & (text != "").to_numpy()


def _scores(values: pd.Series, low: int, high: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Whole-number answers within ``low``–``high``: (numbers, text that is not a number, numbers off the scale)."""
    if pd.api.types.is_bool_dtype(values.dtype):
        numbers = values.astype(float).to_numpy()
        not_number = np.zeros(len(values), dtype=bool)
    elif pd.api.types.is_numeric_dtype(values.dtype):
        numbers = values.to_numpy(dtype=float)
        not_number = np.zeros(len(values), dtype=bool)
    else:
        text = values.astype(object).where(values.notna(), None)
        stripped = text.map(lambda v: v.strip() if isinstance(v, str) else v)
        stripped = stripped.where(stripped != "", None)
        converted = pd.to_numeric(stripped, errors="coerce")
        numbers = converted.to_numpy(dtype=float)
        not_number = stripped.notna().to_numpy() & np.isnan(numbers)
    with np.errstate(invalid="ignore"):
        off = ~np.isnan(numbers) & ((numbers < low) | (numbers > high) | (numbers != np.round(numbers)))
    return numbers, not_number, off


def _choices(values: pd.Series, question: Question) -> tuple[np.ndarray, np.ndarray]:
    """A segment's answers as its position (1, 2, ...): by number, by LimeSurvey code (A1) or by its name."""
    labels = {label.strip().lower(): value for value, label in
              zip(question.scale.values, next(iter(question.scale.labels.values()), ()), strict=False)}
    result = np.full(len(values), np.nan)
    bad = np.zeros(len(values), dtype=bool)
    for index, value in enumerate(values.to_numpy(dtype=object)):
        if value is None or (isinstance(value, float) and np.isnan(value)) or str(value).strip() == "":
            continue
        text = str(value).strip().lower().removeprefix("a")
        if text in labels:
            result[index] = labels[text]
        elif str(value).strip().lower() in labels:
            result[index] = labels[str(value).strip().lower()]
        else:
            try:
                number = float(text)
            except ValueError:
                bad[index] = True
                continue
            if number in question.scale.values:
                result[index] = number
            else:
                bad[index] = True
    return result, bad


class _Report:
    """Collects the issues of one file, at most :data:`MAX_MESSAGES` of each kind per column."""

    def __init__(self, source: str | None, first_line: int) -> None:
        self.source = source
        self.first_line = first_line
        self.issues: list[Issue] = []

    def where(self, row: int) -> int | None:
        return row + self.first_line if self.first_line else None

    def column(self, message: str, column: str, severity: str = "warning") -> None:
        self.issues.append(Issue(message, str(column), severity, self.source))  # type: ignore[arg-type]

    def cells(self, rows: np.ndarray, column: str, describe: Any, values: pd.Series) -> None:
        """One issue per bad cell (the first few), then one counting the rest."""
        for row in rows[:MAX_MESSAGES]:
            path = str(column) if self.first_line else f"[{row}].{column}"
            self.issues.append(Issue(describe(values.iloc[row]) + ": this row is set aside", path, "error",
                                     self.source, self.where(int(row))))
        if len(rows) > MAX_MESSAGES:
            self.issues.append(Issue(f"{count(len(rows) - MAX_MESSAGES)} more rows like these in this column were "
                                     "set aside", str(column), "error", self.source))


def _shown(value: Any) -> str:
    """A cell as it was written, for messages: numbers bare, text quoted (and cut after 40 characters)."""
    if isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return repr(text if len(text) <= 40 else text[:40] + "…")
    return str(int(number)) if number.is_integer() and "." not in text else text


def _convert(raw: pd.DataFrame, mapping: dict[str, str], questionnaire: Questionnaire,
             report: _Report) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Each code's answers, and the rows holding an invalid answer."""
    rejected = np.zeros(len(raw), dtype=bool)
    columns: dict[str, np.ndarray] = {}
    for column, code in mapping.items():
        question = questionnaire.question(code)
        values = raw[column]
        scale = question.scale
        if scale.kind == "text":
            columns[code] = values.astype(object).where(values.notna(), None).to_numpy()
            continue
        if scale.kind == "yes_no":
            numbers, bad = _yes_no(values)
            report.cells(np.flatnonzero(bad), column, lambda v: f"{_shown(v)} is not a yes/no answer "
                         "(1/0, yes/no, sí/no, Y/N or true/false)", values)
        elif scale.kind == "choice":
            numbers, bad = _choices(values, question)
            options = ", ".join(next(iter(scale.labels.values()), ()))
            report.cells(np.flatnonzero(bad), column, lambda v, o=options: f"{_shown(v)} is not one of the options "
                         f"({o})", values)
        else:
            numbers, not_number, off = _scores(values, scale.low, scale.high)
            name = {"csat": "satisfaction (CSAT)", "ces": "effort (CES)", "nps": "recommendation (NPS)"}[scale.kind]
            report.cells(np.flatnonzero(not_number), column,
                         lambda v, n=name, s=scale: f"text {_shown(v)} in a {n} item: expected a whole number "
                                                    f"{s.low}–{s.high}", values)
            report.cells(np.flatnonzero(off), column,
                         lambda v, n=name, s=scale: f"{_shown(v)} is outside the {n} scale {s.low}–{s.high}", values)
            bad = not_number | off
        rejected |= bad
        columns[code] = np.where(bad, np.nan, numbers)
    return columns, rejected


def _ids(raw: pd.DataFrame, report: _Report) -> tuple[pd.Index, np.ndarray]:
    """The respondent ids (row numbers when the file has none), and the rows repeating an earlier id."""
    chosen = next((c for c in ID_COLUMNS if c in raw.columns), None)
    if chosen is None:
        lowered = {str(c).strip().lower(): c for c in raw.columns}
        chosen = next((lowered[c.lower()] for c in ID_COLUMNS if c.lower() in lowered), None)
    if chosen is None:
        ids = pd.Index([str(i + 1) for i in range(len(raw))], name="respondent")
        return ids, np.zeros(len(raw), dtype=bool)
    values = raw[chosen].map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else
                             str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip())
    duplicated = values.duplicated(keep="first").to_numpy() & (values != "").to_numpy()
    first_row: dict[str, int] = {}
    for row, value in enumerate(values):
        first_row.setdefault(value, row)

    def repeated(value: str) -> str:
        row = first_row[value]
        where = f"row {report.where(row)}" if report.first_line else f"item {row}"
        return f"respondent {_shown(value)} already answered at {where}"

    report.cells(np.flatnonzero(duplicated), chosen, repeated, values)
    empty = (values == "").to_numpy()
    ids = values.where(~empty, pd.Series([f"row {i + 1}" for i in range(len(raw))]))
    return pd.Index(ids, name="respondent"), duplicated


def read_responses(source: str | os.PathLike[str] | pd.DataFrame | Sequence[Mapping[str, Any]],
                   questionnaire: Questionnaire) -> Responses:
    """Read answers from ``source`` (a file: CSV, XLSX, SurveyJS JSON; a DataFrame; a list of
    SurveyJS result objects) and check them against ``questionnaire`` (see the module's description).

    Raises :class:`~journeymap.errors.JourneyError` when the file cannot be read at all or holds no
    column of this questionnaire; every other problem is an issue of the result.
    """
    if not isinstance(questionnaire, Questionnaire):
        raise TypeError(f"'questionnaire' must be a Questionnaire (got {type(questionnaire).__name__}): "
                        "use journeymap.survey.design(journey)")
    raw, name, first_line = _read(source)
    report = _Report(name, first_line)
    names = _codes_by_name(questionnaire)
    moments = {s.touchpoint for s in questionnaire.sections if s.touchpoint}
    mapping: dict[str, str] = {}
    for column in raw.columns:
        code = _match(str(column), names)
        if code is not None:
            if code in mapping.values():
                report.column(f"a second column for '{code}': left out", str(column))
            else:
                mapping[column] = code
            continue
        if str(column).strip() in METADATA_COLUMNS or str(column).startswith("Unnamed:"):
            continue
        subject = _subject(str(column))
        if subject is not None and subject not in moments:
            report.column(f"column about '{subject}', which is not a moment of truth of this journey"
                          f"{did_you_mean(subject, sorted(moments))}: left out", str(column))
        else:
            report.column(f"unknown column{did_you_mean(str(column), questionnaire.codes)}: left out", str(column))
    if not mapping:
        listed = ", ".join(questionnaire.codes[:6]) + ", …"
        raise JourneyError(Issue(f"no column of this questionnaire was found (expected columns named by the "
                                 f"question codes: {listed})", file=name))
    ids, duplicated = _ids(raw, report)
    columns, invalid = _convert(raw, mapping, questionnaire, report)
    order = [code for code in questionnaire.codes if code in columns]
    keep = ~(invalid | duplicated)
    table = pd.DataFrame({code: columns[code][keep] for code in order}, index=ids[keep])
    _check_skips(table, questionnaire, report)
    rejected = raw[~keep].copy()
    rejected.index = ids[~keep]
    return Responses(table=table, questionnaire=questionnaire, issues=tuple(report.issues), rejected=rejected,
                     source=name, rows_read=len(raw))


def _check_skips(table: pd.DataFrame, questionnaire: Questionnaire, report: _Report) -> None:
    """Answers about a moment from respondents who said they did not go through it are left out, with a warning."""
    for section in questionnaire.sections:
        if not section.relevant or section.relevant not in table.columns:
            continue
        said_no = (table[section.relevant] == 0).to_numpy()
        for question in section.questions:
            if question.code not in table.columns:
                continue
            answered = table[question.code].notna().to_numpy() & said_no
            if answered.any():
                many = int(answered.sum())
                who = f"{count(many)} respondent{'s' if many != 1 else ''}"
                report.column(f"{who} answered it but said they did not go through '{section.touchpoint}' "
                              f"({section.relevant} = no): those answers are left out",
                              question.code)
                table.loc[answered, question.code] = np.nan
