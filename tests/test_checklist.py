"""The behavioural suite's matcher: each check can fail."""

from __future__ import annotations

from typing import Any

from armswatch.checklist import check_record


def meeting(date: str | None) -> dict[str, Any]:
    return {
        "entities": [],
        "events": [
            {
                "type": "meeting",
                "roles": {"participants": ["Kenya", "Turkey"], "location": "Nairobi"},
                "date": {"start": date, "end": None} if date else None,
                "attributions": [{"source": None, "stance": "asserted"}],
            }
        ],
    }


def test_absent_covers_the_events_date_as_well_as_its_roles() -> None:
    undated = [{"event": {"type": "meeting", "absent": ["date"]}}]
    assert check_record(meeting(None), undated) == []
    assert check_record(meeting("2024-06-12"), undated)  # a date where none is wanted fails
    no_location = [{"event": {"type": "meeting", "absent": ["location"]}}]
    assert check_record(meeting(None), no_location)


def test_a_date_is_matched_by_its_prefix() -> None:
    assert check_record(meeting("2024-06-12"), [{"event": {"type": "meeting", "date": "2024-06"}}]) == []
    assert check_record(meeting("2024-06-12"), [{"event": {"type": "meeting", "date": "2023"}}])
