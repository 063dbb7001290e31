"""Cite: a case as a citation a journalist can paste (text, with its fused facts and every source) and a
reference manager can import (CSL-JSON, which Zotero, Mendeley and Zotero's citeproc read). Built from
query.case_detail's output, so the page, the API and the CLI cite alike."""

from __future__ import annotations

import re
from typing import Any

from armswatch.query import evidence_rows

CSL_ID_PREFIX = "armswatch-case"


def csl_date(value: str | None) -> dict[str, Any] | None:
    """ "2025-03-10" -> {"date-parts": [[2025, 3, 10]]}; "2025" -> [[2025]]; anything else -> None."""
    if not value or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value):
        return None
    return {"date-parts": [[int(part) for part in value.split("-")]]}


def case_title(case: dict[str, Any]) -> str:
    """A case (case_detail's summary) in words: "Su-57 from Russia to Algeria (transfer)"."""
    if case["type"] == "transfer":
        what = case["item"] or case["category"] or "arms"
        return f"{what} from {case['supplier'] or 'unknown'} to {case['recipient'] or 'unknown'} (transfer)"
    sides = [n for n in (case["supplier"], case["recipient"], *(case.get("parties") or [])) if n]
    names = ", ".join(dict.fromkeys(sides)) or "unknown parties"
    return f"{case['type'].replace('_', ' ').capitalize()}: {names}"


def case_facts(case: dict[str, Any]) -> list[tuple[str, str]]:
    """The fused facts a citation carries, as (label, value) pairs; unknown values are left out."""
    facts = [("type", case["type"].replace("_", " "))]
    for label, key in (("supplier", "supplier"), ("recipient", "recipient"), ("item", "item")):
        if case.get(key):
            facts.append((label, str(case[key])))
    if case.get("parties"):
        facts.append(("parties", ", ".join(case["parties"])))
    for label, key in (("quantity", "quantity"), ("status", "status"), ("order date", "order_date")):
        if case.get(key) is not None:
            facts.append((label, str(case[key])))
    if case.get("delivery_dates"):
        facts.append(("deliveries", ", ".join(case["delivery_dates"])))
    if case.get("value_usd") is not None:
        facts.append(("value", f"US${case['value_usd']:,.0f}"))
    reported = case.get("first_reported") or "?"
    if case.get("last_reported") and case["last_reported"] != case.get("first_reported"):
        reported += f" to {case['last_reported']}"
    facts.append(("reported", reported))
    facts.append(("sources", f"{case['sources']} reports, {case['origins']} independent origins"))
    if case.get("stances"):
        facts.append(("stances", case["stances"]))
    if case.get("contested"):
        facts.append(("contested", "denied by " + (", ".join(case.get("denied_by") or []) or "a source")))
    return facts


def citation(detail: dict[str, Any], case_url: str, accessed: str) -> dict[str, Any]:
    """A case's citation: its stable URL, facts, sources (one per report and statement: the article's
    readable name, date, URL, stance and quoted sentence), the text to paste, and CSL-JSON items."""
    case = detail["case"]
    sources = evidence_rows(detail)
    title = f"armswatch case {case['case']}: {case_title(case)}"
    facts = case_facts(case)
    lines = [f"{title}. armswatch register. {case_url} (accessed {accessed}).", ""]
    lines.append("Facts: " + "; ".join(f"{label}: {value}" for label, value in facts) + ".")
    lines.append("")
    lines.append("Sources:")
    for n, source in enumerate(sources, 1):
        head = ", ".join(
            v for v in (source["source_name"], source["published"] or "undated", source["url"]) if v
        )
        said = (
            source["stance"]
            if source["source"] == source["source_name"]
            else (f"{source['stance']} by {source['source']}")
        )
        quote = f": “{source['quote']}”" if source["quote"] else ""
        lines.append(f"{n}. {head}. {said}{quote}")
    return {
        "title": title,
        "url": case_url,
        "accessed": accessed,
        "facts": facts,
        "sources": sources,
        "text": "\n".join(lines),
        "csl": csl_items(detail, case_url, accessed),
    }


def csl_items(detail: dict[str, Any], case_url: str, accessed: str) -> list[dict[str, Any]]:
    """CSL-JSON: the case itself (a dataset, at its stable URL) and each article it rests on (an
    article-newspaper with its outlet, date and URL; its stances and quotes in the note)."""
    case = detail["case"]
    when = csl_date(accessed)
    items: list[dict[str, Any]] = [
        {
            "id": f"{CSL_ID_PREFIX}-{case['case']}",
            "type": "dataset",
            "title": f"armswatch case {case['case']}: {case_title(case)}",
            "publisher": "armswatch",
            "URL": case_url,
            "accessed": when,
            "note": "; ".join(f"{label}: {value}" for label, value in case_facts(case)),
        }
    ]
    statements: dict[int, list[str]] = {}
    for row in evidence_rows(detail):
        said = f"{row['stance']} by {row['source']}" + (f": “{row['quote']}”" if row["quote"] else "")
        statements.setdefault(row["document"], [])
        if said not in statements[row["document"]]:
            statements[row["document"]].append(said)
    seen: set[int] = set()
    for report in detail["reports"]:
        doc = report["document"]
        if doc["id"] in seen:
            continue
        seen.add(doc["id"])
        item: dict[str, Any] = {
            "id": f"{CSL_ID_PREFIX}-{case['case']}-doc-{doc['id']}",
            "type": "article-newspaper",
            "title": doc["title"] or f"Report in {doc['name']}",
            "container-title": doc["name"],
            "accessed": when,
            "note": "\n".join(statements.get(doc["id"], [])),
        }
        if doc["url"] and re.match(r"^https?://", doc["url"], re.IGNORECASE):
            item["URL"] = doc["url"]
        issued = csl_date(doc["published"])
        if issued:
            item["issued"] = issued
        items.append({k: v for k, v in item.items() if v is not None})
    return items


def readable_case(detail: dict[str, Any]) -> dict[str, Any]:
    """case_detail's case summary for people: the document keys fusion records reports by (a content hash
    for a submitted article) replaced by the articles' readable names, in the best values' sources, the
    status history and the origin groups."""
    names = {r["document"]["key"]: r["document"]["name"] for r in detail["reports"]}

    def name(key: Any) -> Any:
        return names.get(key, key) if isinstance(key, str) else key

    case = dict(detail["case"])
    case["best"] = {
        prop: {**value, "sources": [name(k) for k in value.get("sources") or []]}
        if isinstance(value, dict)
        else value
        for prop, value in (case.get("best") or {}).items()
    }
    case["status_history"] = [
        {**step, "source": name(step.get("source"))} if isinstance(step, dict) else step
        for step in case.get("status_history") or []
    ]
    case["origin_groups"] = [
        {
            **group,
            "voice": name(group.get("voice")),
            "reports": [name(r) for r in group.get("reports") or []],
            "why": {name(r): why for r, why in (group.get("why") or {}).items()},
        }
        for group in case.get("origin_groups") or []
    ]
    return case
