"""Setting up a ward: its name, its roster and its agenda templates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from huddle.domain import AgendaTemplate, HuddleKind, Person, SectionKey, SectionPlan, Ward
from huddle.errors import ValidationError
from huddle.services.base import Service
from huddle.services.validation import NAME_MAX, Checker
from huddle.store import records
from huddle.store import roster as roster_q

DAILY_SECTIONS = (
    SectionPlan(SectionKey.SAFETY, "Safety: yesterday, today's risks, days since harm", 180),
    SectionPlan(SectionKey.PATIENT_VOICE, "Patient voice", 90),
    SectionPlan(SectionKey.ACTIONS, "Actions due and overdue", 120),
    SectionPlan(SectionKey.IDEAS, "Ideas and learning", 90),
    SectionPlan(SectionKey.CELEBRATE, "Celebrate", 60),
    SectionPlan(SectionKey.REFLECT, "How was this huddle?", 30),
)
WEEKLY_SECTIONS = (
    SectionPlan(SectionKey.SAFETY, "Safety this week", 120),
    SectionPlan(SectionKey.PATIENT_VOICE, "What patients told us", 120),
    SectionPlan(SectionKey.ACTIONS, "Improvement actions and PDSA cycles", 300),
    SectionPlan(SectionKey.IDEAS, "New ideas and learning", 180),
    SectionPlan(SectionKey.CELEBRATE, "Celebrate excellence", 120),
    SectionPlan(SectionKey.REFLECT, "How was this huddle?", 30),
)
STARTER_TEMPLATES = {
    "daily": ("Daily safety huddle", HuddleKind.DAILY_SAFETY, DAILY_SECTIONS),
    "weekly": ("Weekly improvement huddle", HuddleKind.WEEKLY_IMPROVEMENT, WEEKLY_SECTIONS),
}
MAX_SECTION_SECONDS = 60 * 60


class WardSetup(Service):
    """The ward and its roster and agenda templates."""

    # -- the ward ---------------------------------------------------------
    def create_ward(
        self,
        *,
        name: str,
        site: str = "",
        specialty: str = "",
        roster: Iterable[tuple[str, str]] = (),
        starter_templates: bool = True,
    ) -> Ward:
        check = Checker()
        name = check.text("name", name, required=True, max_len=NAME_MAX, label="the ward's name")
        site = check.text("site", site, max_len=NAME_MAX)
        specialty = check.text("specialty", specialty, max_len=NAME_MAX)
        people = [
            self._check_person(check, n, r, f"roster[{i}]") for i, (n, r) in enumerate(roster)
        ]
        names = [p[0].casefold() for p in people]
        if len(set(names)) != len(names):
            check.fail("roster", "duplicate", "Each name on the roster must be different.")
        check.done()
        with self.store.transaction():
            row = records.insert(
                self.store, "ward", {"name": name, "site": site, "specialty": specialty}
            )
            for display_name, role in people:
                records.insert(
                    self.store,
                    "person",
                    {"ward_id": row["id"], "display_name": display_name, "role": role},
                )
            if starter_templates:
                for position, (tname, kind, sections) in enumerate(STARTER_TEMPLATES.values()):
                    records.insert(
                        self.store,
                        "agenda_template",
                        {
                            "ward_id": row["id"],
                            "name": tname,
                            "kind": kind.value,
                            "sections_json": roster_q.sections_to_json(sections),
                            "is_default": int(position == 0),
                        },
                    )
        self._app.select_ward(row["id"])
        self._changed("ward", "person", "agenda_template", ids=(row["id"],))
        return roster_q.ward(self.store, row["id"])

    def ward(self) -> Ward:
        return roster_q.ward(self.store, self.ward_id)

    def update_ward(
        self, *, expected_version: int, name: str, site: str = "", specialty: str = ""
    ) -> Ward:
        check = Checker()
        values = {
            "name": check.text(
                "name", name, required=True, max_len=NAME_MAX, label="the ward's name"
            ),
            "site": check.text("site", site, max_len=NAME_MAX),
            "specialty": check.text("specialty", specialty, max_len=NAME_MAX),
        }
        check.done()
        self._updated("ward", self.ward_id, values, expected_version=expected_version)
        return self.ward()

    # -- the roster -------------------------------------------------------
    def _check_person(
        self, check: Checker, display_name: object, role: object, field: str = "display_name"
    ) -> tuple[str, str]:
        name = check.text(field, display_name, required=True, max_len=NAME_MAX, label="a name")
        role_text = check.text("role", role, max_len=NAME_MAX)
        return name, role_text

    def people(self, *, include_inactive: bool = False) -> list[Person]:
        return roster_q.people(self.store, self.ward_id, include_inactive=include_inactive)

    def person(self, person_id: str) -> Person:
        return roster_q.person(self.store, person_id)

    def add_person(self, *, display_name: str, role: str = "") -> Person:
        check = Checker()
        name, role = self._check_person(check, display_name, role)
        if name and roster_q.person_named(self.store, self.ward_id, name) is not None:
            check.fail(
                "display_name",
                "duplicate",
                f"{name} is already on the roster; add an initial to tell them apart.",
            )
        check.done()
        row = self._inserted(
            "person", {"ward_id": self.ward_id, "display_name": name, "role": role}
        )
        self._changed("person", ids=(row["id"],))
        return roster_q.person(self.store, row["id"])

    def update_person(
        self, person_id: str, *, expected_version: int, display_name: str, role: str
    ) -> Person:
        check = Checker()
        name, role = self._check_person(check, display_name, role)
        other = roster_q.person_named(self.store, self.ward_id, name) if name else None
        if other is not None and other.id != person_id:
            check.fail("display_name", "duplicate", f"{name} is already on the roster.")
        check.done()
        self._updated(
            "person",
            person_id,
            {"display_name": name, "role": role},
            expected_version=expected_version,
        )
        return roster_q.person(self.store, person_id)

    def set_person_active(self, person_id: str, *, active: bool, expected_version: int) -> Person:
        self._updated(
            "person", person_id, {"active": int(active)}, expected_version=expected_version
        )
        return roster_q.person(self.store, person_id)

    # -- agenda templates -------------------------------------------------
    def templates(self) -> list[AgendaTemplate]:
        return roster_q.templates(self.store, self.ward_id)

    def template(self, template_id: str) -> AgendaTemplate:
        return roster_q.template(self.store, template_id)

    def default_template(self, kind: HuddleKind | None = None) -> AgendaTemplate | None:
        found = [t for t in self.templates() if kind is None or t.kind == kind]
        defaults = [t for t in found if t.is_default]
        return (defaults or found)[0] if found else None

    def _check_sections(
        self, check: Checker, sections: Sequence[SectionPlan]
    ) -> tuple[SectionPlan, ...]:
        if not sections:
            check.fail("sections", "required", "An agenda needs at least one section.")
        cleaned = []
        for i, section in enumerate(sections):
            title = check.text(
                f"sections[{i}].title",
                section.title,
                required=True,
                max_len=NAME_MAX,
                label="a section title",
            )
            seconds = check.whole(
                f"sections[{i}].seconds", section.seconds, minimum=0, maximum=MAX_SECTION_SECONDS
            )
            cleaned.append(SectionPlan(SectionKey(section.key), title, seconds))
        return tuple(cleaned)

    def save_template(
        self,
        *,
        name: str,
        kind: HuddleKind | str,
        sections: Sequence[SectionPlan],
        is_default: bool = False,
        template_id: str | None = None,
        expected_version: int | None = None,
    ) -> AgendaTemplate:
        check = Checker()
        name = check.text("name", name, required=True, max_len=NAME_MAX, label="a template name")
        kind_value = check.choice("kind", kind, HuddleKind)
        plans = self._check_sections(check, sections)
        if template_id is not None and expected_version is None:
            check.fail("expected_version", "required", "Say which version is being edited.")
        check.done()
        assert kind_value is not None
        values = {
            "name": name,
            "kind": kind_value.value,
            "sections_json": roster_q.sections_to_json(plans),
            "is_default": int(is_default),
        }
        with self.store.transaction():
            if is_default:
                for other in self.templates():
                    if other.is_default and other.id != template_id:
                        records.update(
                            self.store,
                            "agenda_template",
                            other.id,
                            {"is_default": 0},
                            expected_version=records.ANY_VERSION,
                        )
            if template_id is None:
                template_id = records.insert(
                    self.store, "agenda_template", {"ward_id": self.ward_id, **values}
                )["id"]
            else:
                records.update(
                    self.store,
                    "agenda_template",
                    template_id,
                    values,
                    expected_version=records.check_version(expected_version),
                )
        self._changed("agenda_template", ids=(template_id,))
        return roster_q.template(self.store, template_id)

    def archive_template(self, template_id: str, *, expected_version: int) -> None:
        if len(self.templates()) <= 1:
            raise ValidationError.single(
                "template_id",
                "last",
                "Keep at least one agenda; add another before archiving this.",
            )
        self._updated(
            "agenda_template",
            template_id,
            {"archived": 1, "is_default": 0},
            expected_version=expected_version,
        )
