"""Reading event logs: formats, column names, time zones and every kind of bad input."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from journeymap.errors import JourneyError
from journeymap.evidence import read_log, read_notes

DATA = Path(__file__).parents[1] / "notebooks" / "data" / "eventlogs"


def _log(name: str) -> Path:
    """A public sample log (pm4py's test data, see notebooks/data/eventlogs/README.md)."""
    return DATA / name


def _write(tmp_path: Path, text: str, name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_interval_log_keeps_start_and_end() -> None:
    log = read_log(_log("interval_event_log.csv"))
    assert len(log) == 8109 and log["case:concept:name"].nunique() == 1266
    first = log.iloc[0]
    assert (first["case:concept:name"], first["concept:name"]) == ("C1", "place order")
    assert first["start_timestamp"] == pd.Timestamp("2015-01-05 09:00:07", tz="UTC")
    assert first["time:timestamp"] == pd.Timestamp("2015-01-05 09:02:50", tz="UTC")
    notes = read_notes(log)
    assert notes["has_start"] and notes["counts"]["events out of order"] == 39


def test_mixed_offsets_are_read_as_one_place_with_summer_time() -> None:
    log = read_log(_log("roadtraffic100traces.csv"))
    notes = read_notes(log)
    assert notes["timezone"] == "Europe/Amsterdam"
    assert (log["time:timestamp"].dt.hour == 0).all()  # dates at local midnight stay at midnight
    assert not notes["has_start"] and notes["has_resource"]


def test_missing_column_lists_the_columns_and_suggests_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "ticket,Activity,when\nT1,open,2024-01-01 10:00\n")
    with pytest.raises(JourneyError) as caught:
        read_log(path, case="tickets", timestamp="when")
    text = str(caught.value)
    assert "no column 'tickets' for the case (did you mean 'ticket'?)" in text
    assert "columns found: 'ticket', 'Activity', 'when'" in text and str(path) in text


def test_common_spellings_and_named_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "Case ID;Activity;Complete Timestamp;agent\nA;open;2024-01-01 10:00;ann\n"
                            "A;close;2024-01-01 11:00;bob\n")
    log = read_log(path, resource="agent")
    assert list(log["concept:name"]) == ["open", "close"] and list(log["org:resource"]) == ["ann", "bob"]


def test_bad_rows_are_counted_and_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "case:concept:name,concept:name,time:timestamp\n"
                            "A,open,2024-01-01T10:00:00Z\n"
                            "A,close,yesterday\n"
                            ",open,2024-01-01T10:00:00Z\n"
                            "B,close,2024-01-02T11:00:00Z\n"
                            "B,open,2024-01-02T10:00:00Z\n"
                            "B,open,2024-01-02T10:00:00Z\n")
    log = read_log(path)
    notes = read_notes(log)
    assert notes["counts"] == {"rows": 6, "rows without case": 1, "rows with an unreadable time": 1,
                               "duplicate events": 1, "events out of order": 1, "events": 3, "cases": 2}
    assert any("line 3: 'yesterday'" in n for n in notes["notes"])
    assert any("first at line 4" in n for n in notes["notes"])
    assert list(log["concept:name"]) == ["open", "open", "close"]


def test_start_and_complete_events_are_paired(tmp_path: Path) -> None:
    path = _write(tmp_path, "case:concept:name,concept:name,lifecycle:transition,time:timestamp\n"
                            "A,call,start,2024-01-01 10:00\nA,call,complete,2024-01-01 10:05\n"
                            "A,fix,start,2024-01-01 10:10\n"
                            "B,call,complete,2024-01-01 11:00\n"
                            "C,call,enqueue,2024-01-01 12:00\nC,call,abandon,2024-01-01 12:07\n")
    log = read_log(path, timezone="Europe/Madrid")
    notes = read_notes(log)
    assert notes["counts"]["starts without a completion (left out)"] == 1
    row = log.set_index("case:concept:name").loc["A"]
    assert row["start_timestamp"] == pd.Timestamp("2024-01-01 10:00", tz="Europe/Madrid")
    assert pd.isna(log.set_index("case:concept:name").loc["B", "start_timestamp"])
    abandoned = log.set_index("case:concept:name").loc["C"]
    assert abandoned["lifecycle:transition"] == "abandon"
    assert abandoned["enqueue_timestamp"] == pd.Timestamp("2024-01-01 12:00", tz="Europe/Madrid")


def test_naive_times_are_read_in_the_zone_given(tmp_path: Path) -> None:
    path = _write(tmp_path, "case:concept:name,concept:name,time:timestamp\nA,x,2024-07-01 10:00\n")
    assert read_log(path, timezone="Europe/Madrid")["time:timestamp"].iloc[0].utcoffset().total_seconds() == 7200
    assert any("read as UTC" in n for n in read_notes(read_log(path))["notes"])


@pytest.mark.parametrize("text, message", [
    ("", "the log is empty"),
    ("case:concept:name,concept:name,time:timestamp\n", "the log is empty: it has a header but no events"),
    ("case:concept:name,concept:name,time:timestamp\nA,x,soon\n", "no readable time:timestamp"),
])
def test_unusable_logs_say_why(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(JourneyError, match=message):
        read_log(_write(tmp_path, text))


XES = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <trace><string key="concept:name" value="T1"/>
    <event><string key="concept:name" value="open"/><date key="time:timestamp" value="2024-01-01T10:00:00+01:00"/>
      <string key="lifecycle:transition" value="complete"/></event>
    <event><string key="concept:name" value="close"/><date key="time:timestamp" value="2024-01-01T12:00:00+01:00"/>
      <string key="lifecycle:transition" value="complete"/></event>
  </trace>
  <trace><string key="concept:name" value="T2"/>
    <event><string key="concept:name" value="open"/>
      <date key="time:timestamp" value="2024-01-02T09:00:00+01:00"/></event>
  </trace>
</log>
"""


@pytest.mark.parametrize("name", ["log.xes", "log.xes.gz"])
def test_xes_and_gzipped_xes_are_streamed(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    data = XES.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    log = read_log(path)
    assert list(zip(log["case:concept:name"], log["concept:name"], strict=True)) == [
        ("T1", "open"), ("T1", "close"), ("T2", "open")]
    assert log["time:timestamp"].iloc[1] == pd.Timestamp("2024-01-01T11:00:00Z")


def test_malformed_xes_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "<log>\n<trace>\n<event></trace>\n", "bad.xes")
    with pytest.raises(JourneyError, match=r"bad.xes:3: not a readable XES file"):
        read_log(path)


def test_parquet_file_reads_like_csv(tmp_path: Path) -> None:
    raw = pd.read_csv(_log("running-example.csv"))
    raw.to_parquet(tmp_path / "log.parquet")
    from_csv, from_parquet = read_log(_log("running-example.csv")), read_log(tmp_path / "log.parquet")
    pd.testing.assert_frame_equal(from_csv[["concept:name", "time:timestamp"]],
                                  from_parquet[["concept:name", "time:timestamp"]], check_categorical=False)
