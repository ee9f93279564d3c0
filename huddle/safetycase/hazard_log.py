"""The hazard log (DCB0129) read from TOML into frozen records, and checked.

The log holds the risk matrix as data (severity by likelihood gives a rating
from 1 to 5), the scope of the system, and every hazard with its cause, effect,
harm, initial risk, controls and residual risk. A control the software provides
names the tests (pytest node ids) that prove it; :func:`problems` lists what is
wrong with a log in one line each, so the test and ``make safety-case`` refuse
a log that is incomplete.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTROL_KINDS = ("software", "design", "procedure", "training", "deployment")
STATUSES = ("open", "closed")


class HazardLogError(ValueError):
    """The log cannot be read; the message says what to fix."""


@dataclass(frozen=True)
class RiskMatrix:
    severities: tuple[str, ...]  # least to most severe
    likelihoods: tuple[str, ...]  # least to most likely
    ratings: tuple[tuple[int, ...], ...]  # ratings[likelihood][severity]
    rating_words: Mapping[int, str]

    def rating(self, severity: str, likelihood: str) -> int:
        return self.ratings[self.likelihoods.index(likelihood)][self.severities.index(severity)]

    def words(self, rating: int) -> str:
        return self.rating_words.get(rating, "")


@dataclass(frozen=True)
class Risk:
    severity: str
    likelihood: str
    rating: int


@dataclass(frozen=True)
class Control:
    kind: str  # one of CONTROL_KINDS
    text: str
    evidence: tuple[str, ...]  # pytest node ids; software controls need at least one


@dataclass(frozen=True)
class Hazard:
    id: str
    title: str
    cause: str
    effect: str
    harm: str
    initial: Risk
    controls: tuple[Control, ...]
    residual: Risk
    status: str  # "open": still monitored at each release; "closed"
    notes: str = ""


@dataclass(frozen=True)
class Scope:
    system: str
    intended_use: str
    users: tuple[str, ...]
    out_of_scope: tuple[str, ...]


@dataclass(frozen=True)
class HazardLog:
    matrix: RiskMatrix
    scope: Scope
    hazards: tuple[Hazard, ...]

    def evidence(self) -> Iterator[tuple[Hazard, Control, str]]:
        """Every (hazard, control, node id) the log cites, in order."""
        for hazard in self.hazards:
            for control in hazard.controls:
                for node_id in control.evidence:
                    yield hazard, control, node_id

    def node_ids(self) -> list[str]:
        """Each cited node id once, in the order first cited."""
        return list(dict.fromkeys(node_id for _, _, node_id in self.evidence()))

    def open_hazards(self) -> list[Hazard]:
        return [h for h in self.hazards if h.status == "open"]


def load(path: Path) -> HazardLog:
    """Read the log at ``path``; :class:`HazardLogError` when it is unreadable."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise HazardLogError(f"Cannot read the hazard log {path}: {error}") from None
    try:
        return _parse(raw)
    except (KeyError, TypeError, ValueError) as error:
        raise HazardLogError(f"The hazard log {path} is incomplete: {error}") from None


def _parse(raw: Mapping[str, Any]) -> HazardLog:
    m = raw["matrix"]
    matrix = RiskMatrix(
        severities=tuple(m["severities"]),
        likelihoods=tuple(m["likelihoods"]),
        ratings=tuple(tuple(int(v) for v in row) for row in m["ratings"]),
        rating_words={int(k): str(v) for k, v in m["rating_words"].items()},
    )
    s = raw["scope"]
    scope = Scope(
        system=s["system"],
        intended_use=s["intended_use"],
        users=tuple(s["users"]),
        out_of_scope=tuple(s["out_of_scope"]),
    )
    hazards = tuple(_hazard(h, matrix) for h in raw["hazard"])
    return HazardLog(matrix=matrix, scope=scope, hazards=hazards)


def _risk(raw: Mapping[str, Any], matrix: RiskMatrix, where: str) -> Risk:
    severity, likelihood = raw["severity"], raw["likelihood"]
    if severity not in matrix.severities:
        raise ValueError(f"{where}: severity {severity!r} is not one of the matrix's")
    if likelihood not in matrix.likelihoods:
        raise ValueError(f"{where}: likelihood {likelihood!r} is not one of the matrix's")
    return Risk(severity, likelihood, int(raw["rating"]))


def _hazard(raw: Mapping[str, Any], matrix: RiskMatrix) -> Hazard:
    hid = str(raw["id"])
    controls = tuple(
        Control(kind=c["kind"], text=c["text"], evidence=tuple(c.get("evidence", ())))
        for c in raw.get("control", ())
    )
    return Hazard(
        id=hid,
        title=raw["title"],
        cause=raw["cause"],
        effect=raw["effect"],
        harm=raw["harm"],
        initial=_risk(raw["initial"], matrix, f"{hid} initial risk"),
        controls=controls,
        residual=_risk(raw["residual"], matrix, f"{hid} residual risk"),
        status=raw["status"],
        notes=raw.get("notes", ""),
    )


def problems(log: HazardLog) -> list[str]:
    """What is wrong with the log's content, one line each (empty when it is sound)."""
    found: list[str] = []
    size = (len(log.matrix.likelihoods), len(log.matrix.severities))
    if len(log.matrix.ratings) != size[0] or any(len(r) != size[1] for r in log.matrix.ratings):
        found.append(f"the risk matrix must be {size[0]} rows of {size[1]} ratings")
        return found
    seen: set[str] = set()
    for hazard in log.hazards:
        where = hazard.id
        if hazard.id in seen:
            found.append(f"{where}: the id is used twice")
        seen.add(hazard.id)
        for field in ("title", "cause", "effect", "harm"):
            if not str(getattr(hazard, field)).strip():
                found.append(f"{where}: say what the {field} is")
        if hazard.status not in STATUSES:
            found.append(f"{where}: status must be open or closed, not {hazard.status!r}")
        for label, risk in (("initial", hazard.initial), ("residual", hazard.residual)):
            expected = log.matrix.rating(risk.severity, risk.likelihood)
            if risk.rating != expected:
                found.append(
                    f"{where}: the {label} rating is {risk.rating} but the matrix gives "
                    f"{expected} for {risk.severity} and {risk.likelihood}"
                )
        if hazard.residual.rating > hazard.initial.rating:
            found.append(f"{where}: the residual risk is higher than the initial risk")
        if not hazard.controls:
            found.append(f"{where}: has no control")
        for number, control in enumerate(hazard.controls, start=1):
            if control.kind not in CONTROL_KINDS:
                found.append(f"{where} control {number}: kind {control.kind!r} is not one of "
                             f"{', '.join(CONTROL_KINDS)}")  # fmt: skip
            if not control.text.strip():
                found.append(f"{where} control {number}: say what the control is")
            if control.kind == "software" and not control.evidence:
                found.append(f"{where} control {number}: a software control needs a test")
            found.extend(
                f"{where} control {number}: {node_id!r} is not a pytest node id"
                for node_id in control.evidence
                if not _looks_like_node_id(node_id)
            )
    return found


def _looks_like_node_id(node_id: str) -> bool:
    path, sep, name = node_id.partition("::")
    return bool(sep) and path.startswith("tests/") and path.endswith(".py") and bool(name)


def node_files(node_ids: Sequence[str]) -> list[str]:
    """The test files the node ids live in, each once."""
    return list(dict.fromkeys(node_id.partition("::")[0] for node_id in node_ids))
