"""Matrons' groups of wards (the ``trust_groups`` setting) and the trust view's filters.

The setting reads ``Medicine: Ward 1, Ward 2; Surgery: Ward 3`` (a group, a
colon, its wards by name or id; groups apart by semicolons or new lines).
A filter is "every ward", one site, or one group.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from huddle.errors import ValidationError
from huddle.trust.overview import WardOverview

EVERY_WARD = "Every ward"


class WardFilter(msgspec.Struct, frozen=True):
    label: str  # what the filter list shows: "Every ward", "Site: …", "Group: …"
    site: str | None = None
    wards: tuple[str, ...] | None = None  # names or ids, case-insensitive

    def keeps(self, row: WardOverview) -> bool:
        if self.site is not None and row.site.casefold() != self.site.casefold():
            return False
        if self.wards is not None:
            wanted = {w.casefold() for w in self.wards}
            return row.name.casefold() in wanted or row.ward_id.casefold() in wanted
        return True


def parse_groups(text: str) -> dict[str, tuple[str, ...]]:
    """The groups named in the setting, in order; raises on a group without a colon."""
    groups: dict[str, tuple[str, ...]] = {}
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, colon, wards = part.partition(":")
        if not colon or not name.strip():
            raise ValidationError.single(
                "trust_groups",
                "format",
                f"The trust_groups setting has {part.strip()!r}: write each group as "
                "'Group: Ward 1, Ward 2', groups apart by semicolons.",
            )
        groups[name.strip()] = tuple(w.strip() for w in wards.split(",") if w.strip())
    return groups


def ward_filters(
    rows: Iterable[WardOverview], groups: dict[str, tuple[str, ...]]
) -> list[WardFilter]:
    """Every ward, then each site among the rows, then each matron's group."""
    sites = sorted({row.site for row in rows if row.site}, key=str.casefold)
    return [
        WardFilter(EVERY_WARD),
        *(WardFilter(f"Site: {site}", site=site) for site in sites),
        *(WardFilter(f"Group: {name}", wards=wards) for name, wards in groups.items()),
    ]
