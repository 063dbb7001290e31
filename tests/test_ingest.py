from __future__ import annotations

import io
import json
from pathlib import Path

from armswatch.ingest import IngestError, read_documents, read_jsonl_lines
from armswatch.records import Document


def read_all(*paths: Path | str) -> list[Document | IngestError]:
    return list(read_documents(paths))


def test_text_file_id_is_the_stem(tmp_path: Path) -> None:
    path = tmp_path / "kenya-apc-order.txt"
    path.write_text("Kenya ordered 40 armoured vehicles.", encoding="utf-8")
    (doc,) = read_all(path)
    assert isinstance(doc, Document)
    assert doc.id == "kenya-apc-order" and doc.text.startswith("Kenya ordered")


def test_non_utf8_text_is_decoded_by_detection(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = (
        "The ministry’s statement, reported by Le Monde’s défense desk, said “the Rafale order is firm” "
        "and that the café meeting in Besançon was cordial. "
    ) * 3
    path.write_bytes(text.encode("cp1252"))
    (doc,) = read_all(path)
    assert isinstance(doc, Document)
    assert doc.text == text


def test_html_main_text_title_and_site(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = " ".join(["Poland signed a contract for 96 attack helicopters on Tuesday, the ministry said."] * 4)
    path.write_text(
        f"""<!doctype html><html><head><title>Poland buys helicopters | Defence Daily</title>
<meta property="og:site_name" content="Defence Daily"><meta name="date" content="2024-08-13"></head>
<body><nav><a href="/">Home</a> <a href="/x">Related articles</a></nav>
<article><h1>Poland buys helicopters</h1><p>{body}</p><p>{body}</p></article>
<footer>Subscribe to our newsletter</footer></body></html>""",
        encoding="utf-8",
    )
    (doc,) = read_all(path)
    assert isinstance(doc, Document)
    assert "96 attack helicopters" in doc.text
    assert "Subscribe" not in doc.text
    assert doc.title and "Poland buys helicopters" in doc.title
    assert doc.published == "2024-08-13"
    assert doc.id == "page"


def test_jsonl_records_carry_their_metadata(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        {"id": "a1", "text": "Chile received two frigates.", "published": "2023-01-05", "outlet": "Wire"},
        {"text": "Peru bought radars.", "url": "https://example.org/peru"},
        "not an object",
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken json\n\n", encoding="utf-8")
    items = read_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert next(d.id for d in docs) == "a1"
    assert docs[0].published == "2023-01-05" and docs[0].outlet == "Wire"
    assert len(docs[1].id) == 16  # a stable hash of the URL
    assert [e.where for e in errors] == [f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in errors[1].problem


def test_bad_inputs_are_named_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 50 MB, sparse: the size check refuses it before reading
        handle.truncate(50 * 1024 * 1024)
    no_article = tmp_path / "nav.html"
    no_article.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = read_all(empty, binary, huge, no_article, missing)
    assert all(isinstance(i, IngestError) for i in items)
    problems = {Path(i.where).name: i.problem for i in items if isinstance(i, IngestError)}
    assert problems["empty.txt"] == "empty file"
    assert "binary" in problems["image.txt"]
    assert "50.0 MB" in problems["huge.txt"]
    assert "no article text" in problems["nav.html"]
    assert "no such file" in problems["missing.txt"]


def test_folders_are_walked(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Text one.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Text two.", encoding="utf-8")
    (tmp_path / "ignore.png").write_bytes(b"\x89PNG")
    assert sorted(d.id for d in read_all(tmp_path) if isinstance(d, Document)) == ["one", "two"]


def test_published_is_kept_at_its_precision_and_an_unreadable_one_is_a_warning() -> None:
    lines = [
        {"id": "y", "text": "Chile received two frigates.", "published": "2014"},
        {"id": "m", "text": "Chile received two frigates.", "published": "2014-05"},
        {"id": "d", "text": "Chile received two frigates.", "published": "2014-05-03"},
        {"id": "t", "text": "Chile received two frigates.", "published": "2014-05-03T10:15:00+02:00"},
        {"id": "x", "text": "Chile received two frigates.", "published": "last spring"},
        {"id": "n", "text": "Chile received two frigates.", "published": 2014},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    docs = list(read_jsonl_lines(io.BytesIO(data), "bulk.jsonl", "bulk"))
    assert [type(d).__name__ for d in docs] == ["Document"] * 6  # never a rejected article
    by_id = {d.id: d for d in docs if isinstance(d, Document)}
    assert [by_id[k].published for k in "ymdt"] == ["2014", "2014-05", "2014-05-03", "2014-05-03"]
    assert all(not by_id[k].warnings for k in "ymdt")
    for key in "xn":
        assert by_id[key].published is None
        assert by_id[key].warnings and "'published' is not a date" in by_id[key].warnings[0]
