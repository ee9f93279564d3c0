"""What leaves the PC by sync passes the identifier guard (issue 14, item 4): free text
only, every kind, placed without repeating the text."""

from __future__ import annotations

import pytest

from huddle.reports.errors import IdentifiersFoundError
from huddle.sync.changes import FeedChange
from huddle.sync.guard import check_changes


def change(entity: str, after: dict[str, object]) -> FeedChange:
    return FeedChange("pc-1", "ward-1", 1, entity, str(after.get("id", "x")), "insert", None, after)


@pytest.mark.parametrize(
    ("entity", "after", "where"),
    [
        ("action", {"id": "a1", "title": "Ask Mrs Patterson",
                    "created_at": "2026-08-03T09:00:00+00:00"},
         "the title of the action of 3 Aug 2026"),
        ("touchpoint", {"id": "t1", "what_happened": "DOB 03/07/1941", "noted_on": "2026-08-04"},
         "the what happened of the touchpoint of 4 Aug 2026"),
    ],
)  # fmt: skip
def test_names_and_dates_of_birth_leave_no_pc(
    entity: str, after: dict[str, object], where: str
) -> None:
    with pytest.raises(IdentifiersFoundError) as caught:
        check_changes([change(entity, after)])
    assert caught.value.findings[0][0] == where
    assert "Patterson" not in caught.value.message and "1941" not in caught.value.message


def test_ids_codes_and_the_pin_are_not_text() -> None:
    # 9990000018 hidden in an id, and in the manager PIN's hash: neither is typed text
    check_changes(
        [
            change("action", {"id": "999-000-0018", "title": "Mats", "status": "planned"}),
            change("setting", {"id": "manager_pin", "value_json": '{"hash": "9990000018"}'}),
        ]
    )
