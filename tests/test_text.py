"""Words and numbers for people (journeymap.text): the catalogues, the translator and the formatter.

Every expected string is exact, in English and Spanish. ``\\xa0`` is the no-break space Babel puts
between a number and its unit or percent sign in Spanish (``12,3 %``).
"""

from __future__ import annotations

import ast
import doctest
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import write_po

import journeymap.text
from journeymap.text import (
    LANGUAGES,
    MISSING,
    Length,
    change,
    clip,
    count,
    duration,
    estimate,
    figure,
    interval,
    language_of,
    number,
    percent,
    points,
    quantity,
    rate,
    translator,
    unit_label,
    unit_symbol,
)
from journeymap.text.messages import KEYWORDS, SOURCE, extract, is_translated, read, update

NBSP = "\u00a0"


# -- the catalogues ----------------------------------------------------------------------------------
def _key(message: Message) -> tuple[str | None, str]:
    return message.context, message.id[0] if isinstance(message.id, tuple) else message.id


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


def catalogue_problems(template: Catalog, catalog: Catalog) -> list[str]:
    """What keeps ``catalog`` from serving the code whose messages are ``template``: missing, empty or
    fuzzy translations, obsolete or unused entries, placeholders that do not match."""
    problems = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        where = ", ".join(sorted({path for path, _ in message.locations}))
        if found is None or not is_translated(found):
            problems.append(f"no translation of {message.id!r} ({where})")
        elif found.fuzzy:
            problems.append(f"fuzzy translation of {message.id!r}: check it, then delete the '#, fuzzy' line")
        else:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            forms = found.string if isinstance(found.string, tuple | list) else (found.string,)
            expected = set().union(*(_placeholders(text) for text in ids))
            for form in forms:
                if _placeholders(form) != expected:
                    problems.append(f"translation of {message.id!r} has placeholders {sorted(_placeholders(form))}, "
                                    f"the message {sorted(expected)}")
    used = {_key(message) for message in template if message.id}
    for message in catalog:
        if message.id and _key(message) not in used:
            problems.append(f"unused entry {message.id!r}: the code no longer says it (make messages, then delete it)")
    problems.extend(f"obsolete entry {message.id!r} (#~): delete it" for message in catalog.obsolete.values())
    if catalog.fuzzy:
        problems.append("the catalogue's header is marked fuzzy")
    return problems


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != "en"])
def test_every_message_of_the_code_has_its_translation_and_nothing_else(language: str) -> None:
    assert catalogue_problems(extract(), read(language)) == []
    assert read(language).num_plurals == 2


def test_the_check_catches_missing_fuzzy_obsolete_unused_and_mismatched_entries() -> None:
    template = Catalog(locale="es")
    for text in ("Legend", "Channel", "{n} done", "Store"):
        template.add(text, locations=[("journeymap/x.py", 1)])
    catalog = Catalog(locale="es", fuzzy=False)
    catalog.add("Legend", "Leyenda")
    catalog.add("Channel", "Canal", flags=["fuzzy"])
    catalog.add("{n} done", "{m} hechos")
    catalog.add("Gone", "Ido")
    catalog.obsolete["Old"] = catalog["Gone"]
    problems = catalogue_problems(template, catalog)
    assert problems == [
        "fuzzy translation of 'Channel': check it, then delete the '#, fuzzy' line",
        "translation of '{n} done' has placeholders ['m'], the message ['n']",
        "no translation of 'Store' (journeymap/x.py)",
        "unused entry 'Gone': the code no longer says it (make messages, then delete it)",
        "obsolete entry 'Gone' (#~): delete it",
    ]


def _literal_calls() -> list[tuple[str, int, str | None, str]]:
    """(file, line, context, message) of every gettext-family call with literal text in the package."""
    calls = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in KEYWORDS:
                continue
            texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
            context, text = (texts[0], texts[1]) if name in ("pgettext", "npgettext") else (None, texts[0])
            if text is not None:
                calls.append((path.relative_to(SOURCE.parent).as_posix(), node.lineno, context, text))
    return calls


def test_the_extractor_sees_every_call_written_with_literal_text() -> None:
    calls = _literal_calls()
    assert len(calls) > 80  # the check looks at the code, not at nothing
    seen = {_key(message) for message in extract() if message.id}
    hidden = [f"{file}:{line} {text!r}" for file, line, context, text in calls if (context, text) not in seen]
    assert hidden == [], "Babel cannot read these (inside an f-string?): call gettext outside it"


def test_make_messages_adds_new_words_and_marks_removed_ones_obsolete(tmp_path: Path) -> None:
    package = tmp_path / "journeymap"
    package.mkdir()
    (package / "new.py").write_text('words.gettext("Legend")\nwords.ngettext("{n} visit", "{n} visits", 2)\n')
    po = tmp_path / "es.po"
    shutil.copy(journeymap.text.catalogue_path("es"), po)
    update("es", source=package, path=po)
    catalog = read("es", po)
    assert catalog["Legend"].string == "Leyenda"
    new = catalog.get(("{n} visit", "{n} visits"))
    assert new is not None
    assert not is_translated(new) or new.fuzzy  # untranslated, or Babel's guess waiting for a translator
    assert "Channel" in catalog.obsolete
    update("es", source=package, path=po, drop_obsolete=True)
    assert not read("es", po).obsolete


def test_a_changed_message_arrives_as_a_fuzzy_guess_whose_hint_goes_once_checked(tmp_path: Path) -> None:
    package, po = tmp_path / "journeymap", tmp_path / "es.po"
    package.mkdir()
    (package / "new.py").write_text('words.gettext("Legends")\n')
    catalog = Catalog(locale="es", fuzzy=False)
    catalog.add("Legend", "Leyenda", locations=[("journeymap/new.py", 1)])
    with po.open("wb") as handle:
        write_po(handle, catalog)
    update("es", source=package, path=po, drop_obsolete=True)
    guess = read("es", po)["Legends"]
    assert guess.fuzzy and guess.string == "Leyenda"  # Babel's guess from "Legend", for a translator to check
    assert '#| msgid "Legend"' in po.read_text(encoding="utf-8")
    checked = read("es", po)
    checked["Legends"].string = "Leyendas"
    checked["Legends"].flags.discard("fuzzy")
    with po.open("wb") as handle:
        write_po(handle, checked)
    update("es", source=package, path=po)
    assert read("es", po)["Legends"].string == "Leyendas"
    assert "| msgid" not in po.read_text(encoding="utf-8")  # the hint was for the guess, not for the translation

# -- the translator ----------------------------------------------------------------------------------
def test_a_translator_speaks_its_language() -> None:
    words = translator("es")
    assert words.language == "es"
    assert words.gettext("Legend") == "Leyenda"
    assert words.ngettext("{n} touchpoint", "{n} touchpoints", 1) == "1 punto de contacto"
    assert words.ngettext("{n} touchpoint", "{n} touchpoints", 3) == "3 puntos de contacto"
    assert words.ngettext("{n} touchpoint", "{n} touchpoints", 0) == "0 puntos de contacto"
    assert words.pgettext("satisfaction", "high") == "alta"
    assert words.pgettext("satisfaction", "middling") == "media"
    assert words.gettext("Objective: {objective}.", objective="tiempo en el ciclo") == "Objetivo: tiempo en el ciclo."
    assert words.ngettext("{points} percentage point", "{points} percentage points", 0.5, points="0,5") == (
        "0,5 puntos porcentuales")


def test_english_and_unknown_languages_read_the_message_ids() -> None:
    for language in ("en", "fr", None, ""):
        words = translator(language)
        assert words.language == "en"
        assert words.gettext("Legend") == "Legend"
        assert words.ngettext("{n} touchpoint", "{n} touchpoints", 1) == "1 touchpoint"
        assert words.npgettext("x", "{n} day", "{n} days", 2) == "2 days"
        assert words.pgettext("satisfaction", "low") == "low"


def test_languages_are_understood_by_their_base_and_kept_once() -> None:
    assert [language_of(x) for x in ("es", "es_MX", "es-AR", "ES", "es_ES.UTF-8", "es.utf8", "en_GB", "C.UTF-8",
                                      "pt", None)] == ["es", "es", "es", "es", "es", "es", "en", "en", "en", "en"]
    assert translator("es_MX").gettext("Channel") == "Canal"
    assert translator("es") is translator("es")
    assert repr(translator("es")) == "<Translator 'es'>"


def test_the_package_documentation_runs() -> None:
    result = doctest.testmod(journeymap.text, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 15 and result.failed == 0


def test_tables_share_column_notes_and_name_the_ends_of_an_interval() -> None:
    from journeymap.analysis import COLUMNS
    from journeymap.survey import IMPORTANCE_COLUMNS, MOMENT_COLUMNS, PLAN_COLUMNS
    from journeymap.text import columns

    documented = doctest.testmod(columns, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert documented.attempted >= 1 and documented.failed == 0
    assert columns.interval("csat", "Wilson") == {"csat_low": "lower end of its 95% Wilson interval",
                                                  "csat_high": "upper end of its 95% Wilson interval"}
    assert columns.interval("ci", of="the change's") == {"ci_low": "lower end of the change's 95% interval",
                                                         "ci_high": "upper end of the change's 95% interval"}
    assert MOMENT_COLUMNS["name"] == PLAN_COLUMNS["name"] == IMPORTANCE_COLUMNS["name"] == "the moment's name"
    assert list(COLUMNS)[:3] == ["stage", "moment_of_truth", "expected_visits"]
    with pytest.raises(KeyError):
        columns.notes("no_such_column")


def test_every_table_of_columns_toml_reads_as_the_constant_its_module_documents() -> None:
    from journeymap.analysis import COLUMNS, FLOW_COLUMNS
    from journeymap.prioritize.impact import HEURISTIC, IMPACT_COLUMNS
    from journeymap.prioritize.plan import PLAN_COLUMNS
    from journeymap.survey import GRADES, ITEM_COLUMNS
    from journeymap.text import columns

    assert list(GRADES) == ["fails", "meets", "exceeds", "not_distinguishable"]
    assert list(COLUMNS)[-len(FLOW_COLUMNS):] == list(FLOW_COLUMNS)
    assert ITEM_COLUMNS["requirement"] == columns.NOTES["requirement"]
    assert list(ITEM_COLUMNS)[5:8] == ["top2", "top2_low", "top2_high"]
    assert ITEM_COLUMNS["standard_met_high"] == "upper end of its 95% interval over the replications"
    assert PLAN_COLUMNS["impact_low"] == "lower end of the impact's 95% interval (empty for a heuristic)"
    assert f"'{HEURISTIC}'" in IMPACT_COLUMNS["objective"]
    assert columns.column_notes("grades") == GRADES and columns.column_notes("grades") is not GRADES
    with pytest.raises(KeyError, match=re.escape("no table 'nope' in columns.toml; it has: shared, analysis")):
        columns.column_notes("nope")


# -- numbers -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "kwargs", "en", "es"),
    [
        (1234.5, {}, "1,235", "1.235"),
        (1234.5, {"digits": 5}, "1,234.5", "1.234,5"),
        (12.345, {}, "12.3", "12,3"),
        (0.012345, {}, "0.0123", "0,0123"),
        (2.25, {}, "2.25", "2,25"),
        (2.5, {"digits": 1}, "3", "3"),
        (9.996, {}, "10", "10"),
        (-0.0001, {"digits": 1}, "-0.0001", "-0,0001"),
        (1e-7, {}, "0.0000001", "0,0000001"),
        (3.2e9, {}, "3,200,000,000", "3.200.000.000"),
        (0, {}, "0", "0"),
        (float("nan"), {}, MISSING, MISSING),
        (None, {}, MISSING, MISSING),
    ],
)
def test_numbers_have_three_significant_digits_and_never_an_exponent(value: float | None, kwargs: dict[str, int],
                                                                     en: str, es: str) -> None:
    assert number(value, "en", **kwargs) == en
    assert number(value, "es", **kwargs) == es


def test_counts_are_whole_and_percentages_take_the_locale_sign() -> None:
    assert (count(1204.4), count(1204.5, "es"), count(-0.4), count(float("inf"))) == ("1,204", "1.205", "0", MISSING)
    assert (percent(0.1234), percent(0.1234, "es")) == ("12.3%", f"12,3{NBSP}%")
    assert (percent(1.0), percent(0.0004), percent(0.625, digits=2), percent(0)) == ("100%", "0.04%", "63%", "0%")


# -- durations and rates -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "unit", "en", "es"),
    [
        (3310, "minute", "2.3 days", "2,3 días"),
        (1440, "minute", "1 day", "1 día"),
        (250, "second", "4 min 10 sec", "4 min 10 s"),
        (90, "minute", "1 hr 30 min", "1 h 30 min"),
        (120, "minute", "2 hr", "2 h"),
        (18.456, "minute", "18.5 min", "18,5 min"),
        (12.5, "hour", "12.5 hr", "12,5 h"),
        (0.05, "hour", "3 min", "3 min"),
        (59.999, "second", "1 min", "1 min"),
        (0.004, "second", "0.004 sec", "0,004 s"),
        (20, "day", "2.86 weeks", "2,86 semanas"),
        (13.5, "day", "13.5 days", "13,5 días"),
        (0, "minute", "0 min", "0 min"),
        (-130, "second", "-2 min 10 sec", "-2 min 10 s"),
        (float("nan"), "minute", MISSING, MISSING),
    ],
)
def test_durations_read_in_the_largest_sensible_unit(value: float, unit: str, en: str, es: str) -> None:
    assert duration(value, unit) == en
    assert duration(value, unit, "es") == es


def test_durations_in_long_and_narrow_words() -> None:
    assert duration(250, "second", length="long") == "4 minutes and 10 seconds"
    assert duration(250, "second", "es", length="long") == "4 minutos y 10 segundos"
    assert duration(3310, "minute", "es", length="long") == "2,3 días"
    assert duration(250, "second", length="narrow") == "4m 10s"


def test_a_bad_time_unit_is_named() -> None:
    with pytest.raises(ValueError, match=r"'time_unit' must be one of: second, minute, hour, day, week \(got 'min'\)"):
        duration(1, "min")


def test_rates_are_said_per_a_unit_where_there_is_at_least_one() -> None:
    assert (rate(0.5, "minute"), rate(0.5, "minute", "es")) == ("30 per hour", "30 por hora")
    assert (rate(12.5, "hour", "es"), rate(2.5, "minute"), rate(3, "day")) == ("12,5 por hora", "2.5 per minute",
                                                                               "3 per day")
    assert (rate(0.5, "minute", length="short"), rate(0, "minute"), rate(None, "hour")) == ("30/h", "0 per minute",
                                                                                            MISSING)


def test_unit_names_for_headings() -> None:
    assert [unit_symbol(u) for u in ("second", "minute", "hour", "day")] == ["sec", "min", "hr", "days"]
    assert [unit_symbol(u, "es") for u in ("second", "minute", "hour", "day")] == ["s", "min", "h", "días"]
    assert [unit_label(k, time_unit="minute") for k in ("share", "time", "count", "rate", "number")] == [
        "%", "min", "", "per minute", ""]
    assert unit_label("rate", time_unit="hour", language="es") == "por hora"


# -- quantities, changes and intervals ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "kind", "en", "es"),
    [
        (0.624, "share", "62.4%", f"62,4{NBSP}%"),
        (3310, "time", "2.3 days", "2,3 días"),
        (1204, "count", "1,204", "1.204"),
        (0.5, "rate", "30 per hour", "30 por hora"),
        (2.3125, "number", "2.31", "2,31"),
    ],
)
def test_a_quantity_is_written_by_its_kind(value: float, kind: str, en: str, es: str) -> None:
    assert quantity(value, kind, time_unit="minute") == en
    assert quantity(value, kind, time_unit="minute", language="es") == es


@pytest.mark.parametrize(
    ("delta", "kind", "length", "en", "es"),
    [
        (0.009, "share", "long", "+0.9 percentage points", "+0,9 puntos porcentuales"),
        (0.01, "share", "long", "+1 percentage point", "+1 punto porcentual"),
        (-0.0834, "share", "short", "-8.34 pp", f"-8,34{NBSP}p.{NBSP}p."),
        (0.0, "share", "long", "0 percentage points", "0 puntos porcentuales"),
        (0.009, "share", None, "+0.9 percentage points", "+0,9 puntos porcentuales"),
        (-130 / 60, "time", None, "-2 min 10 sec", "-2 min 10 s"),
        (-130 / 60, "time", "long", "-2 minutes and 10 seconds", "-2 minutos y 10 segundos"),
        (1.5, "time", "short", "+1 min 30 sec", "+1 min 30 s"),
        (12, "count", None, "+12", "+12"),
        (-0.4, "count", None, "0", "0"),
        (-0.5, "rate", None, "-30 per hour", "-30 por hora"),
        (-0.5, "rate", "short", "-30/h", "-30/h"),
        (0.34, "number", None, "+0.34", "+0,34"),
        (float("nan"), "share", None, MISSING, MISSING),
    ],
)
def test_a_change_has_its_sign_and_unit(delta: float, kind: str, length: Length | None, en: str, es: str) -> None:
    assert change(delta, kind, time_unit="minute", length=length) == en
    assert change(delta, kind, time_unit="minute", language="es", length=length) == es


def test_points_without_a_sign_for_a_spread() -> None:
    assert points(0.031, length="short", sign=False) == "3.1 pp"
    assert points(-0.031, "es", sign=False) == "3,1 puntos porcentuales"


def test_intervals_stay_within_what_the_quantity_can_take() -> None:
    assert (clip(-0.2, "share"), clip(1.3, "share"), clip(-5, "time"), clip(-5, "number")) == (0.0, 1.0, 0.0, -5)
    assert interval(-0.01, 0.03, "share") == "0%–3%"
    assert interval(-0.01, 0.03, "share", language="es") == f"0{NBSP}% – 3{NBSP}%"
    assert interval(0.98, 1.02, "share") == "98%–100%"
    assert interval(-2.0, 5.5, "time", time_unit="minute") == "0 min – 5 min 30 sec"
    assert interval(1190, 1250, "count", language="es") == "1.190–1.250"
    assert interval(-3, 4, "number") == "-3–4"
    assert interval(0.5, 0.5, "share") == "50%"
    assert interval(float("nan"), 1, "share") == MISSING
    assert interval(-0.01, 0.03, "share", bare=True) == "0–3"


@pytest.mark.parametrize(
    ("mean", "half", "kind", "en", "es"),
    [
        (0.624, 0.031, "share", "62.4% ± 3.1 pp", f"62,4{NBSP}% ± 3,1{NBSP}p.{NBSP}p."),
        (18.5, 2.1, "time", "18.5 ± 2.1 min", "18,5 ± 2,1 min"),
        (3310, 400, "time", "2.3 ± 0.28 days", "2,3 ± 0,28 días"),
        (0.5, 0.05, "rate", "30 ± 3 per hour", "30 ± 3 por hora"),
        (1204, 35.2, "count", "1,204 ± 35", "1.204 ± 35"),
        (1204, 0.2, "count", "1,204", "1.204"),
        (0.002, 0.005, "share", "0%–0.7%", f"0{NBSP}% – 0,7{NBSP}%"),
        (0.3, 0.5, "time", "0 min – 48 sec", "0 min – 48 s"),
        (2.31, float("nan"), "number", "2.31", "2,31"),
        (-1.0, 0.5, "number", "-1 ± 0.5", "-1 ± 0,5"),
    ],
)
def test_an_estimate_is_mean_plus_minus_or_the_clipped_interval(mean: float, half: float, kind: str, en: str,
                                                                es: str) -> None:
    assert estimate(mean, half, kind, time_unit="minute") == en
    assert estimate(mean, half, kind, time_unit="minute", language="es") == es


def test_bare_figures_for_tables_whose_heading_has_the_unit() -> None:
    assert estimate(0.624, 0.031, "share", bare=True) == "62.4 ± 3.1"
    assert estimate(18.456, 2.13, "time", bare=True, language="es") == "18,5 ± 2,1"
    assert estimate(0.002, 0.005, "share", bare=True) == "0–0.7"
    assert (figure(0.624, "share"), figure(1204.2, "count", language="es"), figure(None, "time")) == ("62.4", "1.204",
                                                                                                       MISSING)


def test_an_unknown_kind_is_named() -> None:
    with pytest.raises(ValueError,
                       match=r"'kind' must be one of: share, time, count, rate, number, money \(got 'ratio'\)"):
        quantity(1, "ratio")
