"""Measures and their points (Measures): entry, correction, rebase, annotation."""

from __future__ import annotations

import pytest

from huddle.errors import ValidationError
from huddle.services import HuddleApp


def test_points_are_entered_corrected_and_bad_rows_named(app: HuddleApp) -> None:
    hygiene = app.measures.define_measure(
        name="Hand hygiene", unit="%", better="up", target=95, period="week"
    )
    app.measures.record_points(hygiene.id, [("2026-07-06", "91"), ("2026-07-13", 93.5)])
    with pytest.raises(ValidationError) as caught:
        app.measures.record_points(
            hygiene.id, [("2026-07-20", "94"), ("2026-07-27", "n/a"), ("not a date", 90)]
        )
    assert set(caught.value.fields) == {"points[1].value", "points[2].period_start"}
    assert len(app.measures.points(hygiene.id)) == 2  # nothing from the bad paste
    seen = app.measures.points(hygiene.id)[1]
    app.measures.record_point(
        hygiene.id, period_start="2026-07-13", value=94, expected_version=seen.version
    )
    assert [p.value for p in app.measures.points(hygiene.id)] == [91.0, 94.0]
    with pytest.raises(ValidationError) as single:
        app.measures.record_point(
            hygiene.id, period_start="2026-07-20", value="inf", expected_version=None
        )
    assert single.value.fields == ("value",)
    series = app.measures.latest_series(points=1)
    assert series[0].latest is not None and series[0].latest.value == 94.0


def test_rebase_and_annotate(app: HuddleApp) -> None:
    measure = app.measures.define_measure(name="FFT % recommend", better="up", period="month")
    rebase = app.measures.rebase(measure.id, from_date="2026-06-01", reason="New discharge lounge")
    assert app.measures.rebases(measure.id) == [rebase]
    with pytest.raises(ValidationError, match="already rebased"):
        app.measures.rebase(measure.id, from_date="2026-06-01", reason="again")
    note = app.measures.annotate(measure.id, on_date="2026-06-01", text="Lounge opened")
    assert app.measures.annotations(measure.id) == [note]


# -- the huddle screen ---------------------------------------------------------------


def test_an_edit_checks_its_fields_and_refuses_one_no_service_edits(app: HuddleApp) -> None:
    measure = app.measures.define_measure(name="Falls")
    with pytest.raises(ValidationError):
        app.measures.update_measure(measure.id, expected_version=measure.version, name="")
    with pytest.raises(TypeError, match="unknown measure fields: \\['colour'\\]"):
        app.measures.update_measure(measure.id, expected_version=measure.version, colour="red")
    with pytest.raises(TypeError, match="unknown action fields"):
        app.actions.update_action("any", expected_version=1, colour="red")
    assert app.measures.measure(measure.id).name == "Falls"  # nothing saved
    renamed = app.measures.update_measure(
        measure.id, expected_version=measure.version, name="Falls with harm"
    )
    assert (renamed.name, renamed.version) == ("Falls with harm", measure.version + 1)
