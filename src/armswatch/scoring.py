"""Scoring of extraction records against gold files (a vendored copy of the project's shared scorer,
shared/tools/score.py, so the quality gate runs where ../shared is absent; keep the two in step).
Score armswatch extraction records (JSON Lines) against gold files.

    python score.py PRED.jsonl GOLD_DIR [--json] [--verbose]

GOLD_DIR holds one `<doc id>.gold.json` per document (see corpus/dev for
the format). A prediction is paired with the gold file whose stem equals
its `doc.id`. Standard library only, so it runs anywhere.

Scores (micro-averaged over all documents):
  event_precision  predicted events of a scored type that match a gold event
  event_recall     required gold events matched by some predicted event
  event_f1
  role_accuracy    non-key gold roles (status, quantity, value, date, ...)
                   reproduced by the best-matching predicted event
  attribution      gold (source, stance) pairs reproduced on matched events
  denials          the same, for gold attributions whose stance is `denied`
  grounded         predicted events whose evidence spans are valid
A gold event matches a predicted event of the same type when every key
role (the starred roles of contract/README.md) matches.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from armswatch.ontology import load_ontology

KEY_ROLES = {
    "transfer": ["supplier", "recipient", "item"],
    "agreement": ["parties"],
    "financing": ["provider", "beneficiary"],
    "exercise": ["participants"],
    "deployment": ["sender", "destination"],
    "combat_use": ["user", "item"],
    "clash": ["parties"],
    "meeting": ["participants"],
}
LIST_ROLES = set(load_ontology().list_roles)  # roles that hold a list of sides, as the ontology says
STOP = {"the", "of", "and", "a", "an", "s", "its", "government", "republic"}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    # designations: "FA-50" -> "fa50", "MQ-9B" -> "mq9b", "S-400" -> "s400"
    text = re.sub(r"(?<=[A-Za-z])[-\s](?=\d)|(?<=\d)-(?=[A-Za-z])", "", text)
    text = re.sub(r"['’]s\b", "", text.lower())
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(w for w in text.split() if w != "the")


def tokens(text: str) -> set[str]:
    return {w for w in norm(text).split() if w not in STOP}


def name_matches(gold_alts: list[str], pred: str, codes: dict[str, str]) -> bool:
    """A predicted name matches when it, or its country code, equals a gold
    alternative, or when one side's content words contain the other's."""
    cands = {norm(pred)}
    if norm(pred) in codes:
        cands.add(norm(codes[norm(pred)]))
    for alt in gold_alts:
        a = norm(alt)
        if a in cands:
            return True
        ta, tp = tokens(alt), tokens(pred)
        if (
            ta
            and tp
            and (ta <= tp or tp <= ta)
            and any(len(w) > 2 or any(c.isdigit() for c in w) for w in ta & tp)
        ):
            return True
    return False


def as_alts(value) -> list:
    return value if isinstance(value, list) else [value]


def role_matches(role: str, gold, pred, codes) -> float:
    """1.0 / 0.0 for scalar roles; the fraction of gold members found for lists."""
    if pred is None:
        return 0.0
    if role in LIST_ROLES:
        preds = as_alts(pred)
        members = [as_alts(m) for m in gold]
        found = sum(any(name_matches(m, p, codes) for p in preds if isinstance(p, str)) for m in members)
        return found / len(members) if members else 0.0
    if role in ("quantity",):
        return float(any(isinstance(pred, int) and pred == g for g in as_alts(gold)))
    if role == "personnel":
        if isinstance(pred, int):
            return float(any(pred == g for g in as_alts(gold) if isinstance(g, int)))
        return float(name_matches([g for g in as_alts(gold) if isinstance(g, str)], str(pred), codes))
    if role == "value":
        if not isinstance(pred, dict):
            return 0.0
        same_amount = (
            pred.get("currency") == gold.get("currency")
            and abs(float(pred.get("amount") or 0) - gold["amount"]) <= 0.01 * gold["amount"]
        )
        same_usd = bool(
            gold.get("usd")
            and pred.get("usd")
            and abs(float(pred["usd"]) - gold["usd"]) <= 0.05 * gold["usd"]
        )
        return float(same_amount or same_usd)
    if role in ("status", "item_category"):
        return float(pred in as_alts(gold))
    if not isinstance(pred, str):
        return 0.0
    return float(name_matches(as_alts(gold), pred, codes))


def date_matches(gold: dict, pred) -> float:
    if not isinstance(pred, dict) or not pred.get("start"):
        return 0.0
    return float(any(str(pred["start"])[: len(g)] == g for g in as_alts(gold["start"])))


def key_match(g: dict, p: dict, codes) -> bool:
    if p.get("type") != g["type"]:
        return False
    roles = p.get("roles") or {}
    for role in KEY_ROLES.get(g["type"], []):
        if role not in g["roles"]:
            continue
        score = role_matches(role, g["roles"][role], roles.get(role), codes)
        need = min(2, len(g["roles"][role])) / len(g["roles"][role]) if role in LIST_ROLES else 1.0
        if score < need - 1e-9:
            return False
    return True


def detail_score(g: dict, p: dict, codes) -> tuple[int, int]:
    hit = total = 0
    keys = set(KEY_ROLES.get(g["type"], []))
    for role, gold in g["roles"].items():
        if role in keys:
            continue
        total += 1
        hit += int(role_matches(role, gold, (p.get("roles") or {}).get(role), codes) >= 0.999)
    if g.get("status"):
        total += 1
        hit += int(p.get("status") in as_alts(g["status"]))
    if g.get("date") and g["date"].get("start"):
        total += 1
        hit += int(date_matches(g["date"], p.get("date")))
    return hit, total


def attribution_hits(g: dict, preds: list[dict], codes) -> list[tuple[str, bool]]:
    out = []
    for ga in g.get("attributions", []):
        stances = as_alts(ga["stance"])
        sources = as_alts(ga.get("source"))
        named = [s for s in sources if s is not None]
        found = False
        for p in preds:
            for pa in p.get("attributions") or []:
                if pa.get("stance") not in stances:
                    continue
                if pa.get("source") is None:
                    found = found or None in sources
                elif named:
                    found = found or name_matches(named, pa["source"], codes)
        out.append((stances[0], found))
    return out


def country_codes(record: dict) -> dict[str, str]:
    return {
        norm(e["name"]): e["country"]
        for e in record.get("entities", [])
        if e.get("type") == "country" and e.get("country")
    }


def score_doc(gold: dict, pred: dict, text_len: int | None) -> dict:
    codes = country_codes(pred)
    preds = [p for p in pred.get("events", []) if p.get("type") in KEY_ROLES]
    golds = gold["events"]
    s = dict(
        pred_events=len(preds),
        pred_matched=0,
        gold_required=0,
        gold_matched=0,
        role_hit=0,
        role_total=0,
        attr_hit=0,
        attr_total=0,
        deny_hit=0,
        deny_total=0,
        grounded=0,
        misses=[],
        spurious=[],
    )
    for p in preds:
        if any(key_match(g, p, codes) for g in golds):
            s["pred_matched"] += 1
        else:
            s["spurious"].append({"type": p.get("type"), "roles": p.get("roles")})
        spans = p.get("evidence") or []
        s["grounded"] += bool(spans) and all(
            isinstance(a, int) and isinstance(b, int) and 0 <= a < b and (text_len is None or b <= text_len)
            for a, b in spans
        )
    for g in golds:
        matches = [p for p in preds if key_match(g, p, codes)]
        if not g.get("optional"):
            s["gold_required"] += 1
            s["gold_matched"] += bool(matches)
            if not matches:
                s["misses"].append(g.get("id", g["type"]))
        if not matches:
            continue
        hit, total = max((detail_score(g, p, codes) for p in matches), key=lambda ht: ht[0])
        s["role_hit"] += hit
        s["role_total"] += total
        for stance, found in attribution_hits(g, matches, codes):
            s["attr_total"] += 1
            s["attr_hit"] += found
            if stance == "denied":
                s["deny_total"] += 1
                s["deny_hit"] += found
    return s


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_records(records: list[dict], gold_dir: Path) -> tuple[dict, dict]:
    """Summary and per-document scores of prediction records against the gold files in gold_dir."""
    golds = {
        p.name[: -len(".gold.json")]: json.loads(p.read_text()) for p in sorted(gold_dir.glob("*.gold.json"))
    }
    preds = {str(rec["doc"]["id"]): rec for rec in records}
    totals: dict[str, int] = {}
    per_doc = {}
    for doc_id, gold in golds.items():
        text_file = gold_dir / f"{doc_id}.txt"
        text_len = len(text_file.read_text()) if text_file.exists() else None
        s = score_doc(gold, preds.get(doc_id, {"events": []}), text_len)
        s["missing_prediction"] = doc_id not in preds
        per_doc[doc_id] = s
        for k, v in s.items():
            if isinstance(v, (int, bool)):
                totals[k] = totals.get(k, 0) + int(v)
    p = ratio(totals["pred_matched"], totals["pred_events"])
    r = ratio(totals["gold_matched"], totals["gold_required"])
    summary = {
        "documents": len(golds),
        "missing_predictions": totals.get("missing_prediction", 0),
        "event_precision": p,
        "event_recall": r,
        "event_f1": round(2 * p * r / (p + r), 4) if p and r else 0.0,
        "role_accuracy": ratio(totals["role_hit"], totals["role_total"]),
        "attribution": ratio(totals["attr_hit"], totals["attr_total"]),
        "denials": ratio(totals["deny_hit"], totals["deny_total"]),
        "grounded": ratio(totals["grounded"], totals["pred_events"]),
        "counts": {k: totals[k] for k in ("pred_events", "pred_matched", "gold_required", "gold_matched")},
    }
    return summary, per_doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pred")
    ap.add_argument("gold_dir")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--verbose", action="store_true", help="list misses and spurious events")
    args = ap.parse_args()
    records = [json.loads(line) for line in Path(args.pred).read_text().splitlines() if line.strip()]
    summary, per_doc = score_records(records, Path(args.gold_dir))
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for k, v in summary.items():
            print(f"{k:20} {v}")
    if args.verbose:
        for doc_id, s in per_doc.items():
            print(
                f"\n# {doc_id}: matched {s['gold_matched']}/{s['gold_required']} gold, "
                f"{s['pred_matched']}/{s['pred_events']} predicted"
            )
            for m in s["misses"]:
                print(f"  missed   {m}")
            for sp in s["spurious"]:
                print(f"  spurious {json.dumps(sp, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
