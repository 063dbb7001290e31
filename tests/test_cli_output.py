"""What a user sees from the CLI (a real subprocess, a real SQLite file): article text never read as markup
or sent to the terminal as control sequences, tables that read in a pipe, empty results said, a case as one
view, inputs checked before the model loads, headlines of plain-text articles as titles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armswatch.ingest import headline
from armswatch.terminal import cell, clean, money

CLI = [sys.executable, "-m", "armswatch.cli"]
HOSTILE = (
    "Egypt denies supplying [drones] to Sudan [/red] as \x1b[2J\x1b]0;pwned\x07 fighting goes on\n\n"
    "CAIRO, 3 May 2024 - Egypt delivered eight Bayraktar TB2 drones [/b] to Sudan's army last month, a "
    "Sudanese officer said. Egypt's foreign ministry denied supplying any drones to Sudan.\x07\x9b"
)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})}
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    articles = folder / "articles.jsonl"
    record = {
        "id": "doc[/b]1",
        "title": "Egypt [/red] denies [bold]supplying[/bold] drones",
        "outlet": "Nile [/] Wire\x1b[31m",
        "published": "2024-05-03",
        "text": HOSTILE,
    }
    articles.write_text(json.dumps(record) + "\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'hostile.db'}"
    result = run("ingest", str(articles), "--db", url)
    assert result.returncode == 0, result.stderr
    INGEST_OUTPUT.append(result.stderr)  # what ingest printed into a pipe, for the progress test
    return url


INGEST_OUTPUT: list[str] = []


def test_markup_in_stored_articles_is_shown_as_written(hostile_db: str) -> None:
    result = run("search", "Bayraktar", "--db", hostile_db)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "[/red]" in result.stdout and "doc[/b]1" in result.stdout


def test_control_sequences_never_reach_the_terminal(hostile_db: str) -> None:
    for args in (
        ("search", "drones"),
        ("register", "--type", "all"),
        ("case", "1"),
        ("timeline", "--actor", "Egypt"),
    ):
        result = run(*args, "--db", hostile_db)
        assert result.returncode == 0, (args, result.stderr)
        for shown in (result.stdout, result.stderr):
            assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown, args


def test_extract_table_with_markup_in_the_id(tmp_path: Path) -> None:
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "doc[/b]1", "text": HOSTILE}) + "\n", encoding="utf-8")
    result = run("extract", str(articles), "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "doc[/b]1" in result.stdout
    assert "\x1b" not in result.stdout


def test_a_register_piped_to_a_file_reads_whole_words(hostile_db: str) -> None:
    result = run("register", "--db", hostile_db, env={"COLUMNS": ""})
    assert result.returncode == 0, result.stderr
    header = next(line for line in result.stdout.splitlines() if "case" in line)
    for column in ("supplier", "recipient", "status", "contested"):
        assert column in header
    assert "True" not in result.stdout and "False" not in result.stdout
    assert "state_media_only" not in header  # only the columns that matter by default
    chosen = run("register", "--db", hostile_db, "--columns", "case,item,state_media_only")
    assert "state_media_only" in chosen.stdout and "supplier" not in chosen.stdout
    bad = run("register", "--db", hostile_db, "--columns", "case,nonsense")
    assert bad.returncode == 2 and "nonsense" in bad.stderr


def test_ingest_into_a_pipe_draws_no_progress_bar(hostile_db: str) -> None:
    (stderr,) = INGEST_OUTPUT  # the fixture's ingest, its output captured through a pipe
    assert "━" not in stderr and "docs/s" not in stderr
    assert stderr.strip().startswith("stored 1 documents")


def test_every_event_type_with_type_all(hostile_db: str) -> None:
    transfers = json.loads(run("register", "--db", hostile_db, "--format", "json").stdout)
    everything = json.loads(run("register", "--db", hostile_db, "--type", "all", "--format", "json").stdout)
    assert len(everything) >= len(transfers)
    assert {row["type"] for row in everything} >= {"transfer"}
    table = run("register", "--db", hostile_db, "--type", "all").stdout
    header = next(line for line in table.splitlines() if "case" in line)
    assert "type" in header and "parties" in header


def test_empty_results_are_said_with_near_names(hostile_db: str) -> None:
    result = run("timeline", "--actor", "Egpyt", "--db", hostile_db)
    assert result.returncode == 0
    assert "no events for actor 'Egpyt'" in result.stderr
    assert "Egypt" in result.stderr  # the stored name it looks like
    register = run("register", "--supplier", "Narnia", "--db", hostile_db)
    assert "no transfer cases for supplier 'Narnia'" in register.stderr
    search = run("search", "zeppelin", "--db", hostile_db)
    assert "no articles match 'zeppelin'" in search.stderr


def test_a_bad_register_filter_is_said_in_one_line(hostile_db: str) -> None:
    for args, flag, words in (
        (("--status", "bogus"), "--status", "unknown status 'bogus'"),
        (("--since", "2024-13-45"), "--since", "'2024-13-45' is not a date"),
        (("--deal-until", "20x4"), "--deal-until", "is not a date"),
        (("--category", "spaceship"), "--category", "unknown category 'spaceship'"),
    ):
        result = run("register", *args, "--db", hostile_db)
        assert result.returncode == 2, args
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"error: {flag}: ") and words in line
    signed = run("register", "--type", "agreement", "--status", "signed", "--db", hostile_db)
    assert signed.returncode == 0  # a stage of that type is no error


def test_a_case_is_one_readable_view(hostile_db: str) -> None:
    cases = json.loads(run("register", "--db", hostile_db, "--format", "json").stdout)
    result = run("case", str(cases[0]["case"]), "--db", hostile_db)
    assert result.returncode == 0, result.stderr
    assert "{'" not in result.stdout  # no Python repr
    assert "sources" in result.stdout and "stance" in result.stdout and "quote" in result.stdout
    assert "status history" in result.stdout


def test_a_missing_input_is_said_before_anything_loads(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'missing.txt'}: no such file or folder"
    ingest = run("ingest", str(tmp_path / "missing.txt"), "--db", f"sqlite:///{tmp_path / 'm.db'}")
    assert ingest.returncode == 1 and "no such file or folder" in ingest.stderr
    assert not (tmp_path / "m.db").exists()  # nothing opened for nothing to do


def test_a_plain_text_headline_is_the_title() -> None:
    assert headline("Ghana buys patrol boats\n\nACCRA - Ghana bought boats.") == "Ghana buys patrol boats"
    assert (
        headline("Ghana buys patrol boats\nACCRA, 3 May - Ghana bought boats.") == "Ghana buys patrol boats"
    )
    assert headline("Ghana bought six patrol boats from Spain.\n\nMore text.") is None
    assert headline("A first line\nthat wraps on into the next") is None


def test_values_as_people_read_them() -> None:
    assert money(500_000_000.0) == "$500M"
    assert money(1_200_000_000) == "$1.2B"
    assert cell("contested", True) == "yes" and cell("contested", False) == ""
    assert cell("value_usd", 45_400_000.0) == "$45.4M"
    assert clean("a\x1b[2Jb\x1b]0;title\x07c\x00d\x9be") == "abcde"


def test_at_80_columns_the_register_keeps_whole_words_and_names_what_it_leaves_out(hostile_db: str) -> None:
    result = run("register", "--db", hostile_db, env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if "case" in line)
    assert "supplier" in header and "recipient" in header  # never folded into "sup/pli/er"
    assert "not shown at this width" in result.stdout


def test_serve_names_a_bad_setting_in_one_line(tmp_path: Path) -> None:
    """Settings come from ARMSWATCH_* variables through pydantic-settings: a bad value stops `serve` before it
    starts, with one line naming the variable (no traceback)."""
    url = f"sqlite:///{tmp_path / 'a.db'}"
    result = run("serve", "--db", url, "--port", "0", env={"ARMSWATCH_MAX_BODY_BYTES": "lots"})
    assert result.returncode == 2
    assert "ARMSWATCH_MAX_BODY_BYTES" in result.stderr and "integer" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = run("serve", "--db", url, "--port", "0", env={"ARMSWATCH_LOCK_READS": "maybe"})
    assert result.returncode == 2 and "ARMSWATCH_LOCK_READS" in result.stderr


def test_settings_read_and_check_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic import ValidationError

    from armswatch.web.app import Settings

    monkeypatch.setenv("ARMSWATCH_LOCK_READS", "yes")
    monkeypatch.setenv("ARMSWATCH_TOKEN", "")
    settings = Settings()
    assert settings.lock_reads is True and settings.token is None  # set but empty: no token
    monkeypatch.setenv("ARMSWATCH_TOKEN", "s3cret")
    assert Settings().token == "s3cret"
    assert Settings(token=None).token is None  # an argument wins over the environment
    monkeypatch.setenv("ARMSWATCH_MAX_BODY_BYTES", "-5")
    with pytest.raises(ValidationError):
        Settings()


def test_a_narrow_table_wraps_between_words_and_keeps_the_essential_columns() -> None:
    """Long cells wrap onto more lines at spaces instead of pushing item and parties out of the table, and
    no word is cut (rich's own narrowing shrinks every column alike and cuts "combat_use" into two)."""
    import io

    from rich.console import Console

    from armswatch.terminal import table

    rows = [
        {"case": 1, "type": "combat_use", "supplier": "European Union",
         "recipient": "Central African Republic", "parties": [], "item": "Dornier patrol aircraft",
         "status": "delivery", "quantity": 12},
        {"case": 2, "type": "clash", "supplier": None, "recipient": None,
         "parties": ["Rapid Support Forces", "Sudan"], "item": None, "status": None, "quantity": None},
    ]  # fmt: skip
    columns = ("case", "type", "supplier", "recipient", "parties", "item", "status", "quantity")
    out = io.StringIO()
    Console(file=out, width=80, color_system=None).print(table("Register", columns, rows, width=80))
    text = out.getvalue()
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    header = next(line for line in lines if "case" in line)
    for column in ("type", "supplier", "recipient", "parties", "item", "status"):
        assert column in header
    cells = " ".join(line.replace("│", " ") for line in lines).split()
    words = ("combat_use", "European", "Republic", "Dornier", "aircraft", "Support", "Forces;", "delivery")
    assert all(word in cells for word in words), [w for w in words if w not in cells]
