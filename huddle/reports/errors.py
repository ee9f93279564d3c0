"""The problems an export reports: identifiers found, or a file it cannot write.

Kept free of reportlab so the UI and the command line can catch these without
paying for the PDF machinery at start-up.
"""

from __future__ import annotations

from huddle.errors import HuddleError


class ExportError(HuddleError):
    """The export could not be written (folder missing, read-only, file in use)."""

    code = "export"


class IdentifiersFoundError(HuddleError):
    """Text going into an export looks like a patient identifier.

    ``findings`` lists ``(where, what)`` pairs, e.g. ``("the what happened of the
    learning item of 3 Dec 2026", "an NHS number")``: the record by kind, date
    and field, and the kind of identifier. The matched text itself is never
    kept, shown or logged, not even masked. ``label`` names what was found, in
    the singular ("NHS number").
    """

    code = "identifiers"

    def __init__(self, findings: list[tuple[str, str]], label: str = "NHS number") -> None:
        self.findings = findings
        self.label = label
        listed = "; ".join(f"{what} in {where}" for where, what in findings[:5])
        more = f"; and {len(findings) - 5} more" if len(findings) > 5 else ""
        super().__init__(f"not exported: {listed}{more}")


def describe_count(count: int, label: str) -> str:
    """'1 thing that looks like an NHS number', '2 things that look like NHS numbers'."""
    if count == 1:
        first = label.split()[0] if label.strip() else "a"
        # an acronym is read letter by letter: "an NHS number"
        sounds_vowel = first[0] in ("AEFHILMNORSX" if first.isupper() else "aeiouAEIOU")
        article = "an" if sounds_vowel else "a"
        return f"1 thing that looks like {article} {label}"
    return f"{count} things that look like {label}s"
