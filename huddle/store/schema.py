"""The database schema, as an ordered set of ``sqlite_utils`` migrations.

Rules: a migration is never edited once released, only followed by a new one;
a backup is taken before any pending migration runs on an existing ward; a
database carrying migrations this version does not know was written by a newer
version and is refused rather than damaged.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from sqlite_utils.migrations import Migrations

from huddle.errors import StoreError
from huddle.store import versions
from huddle.store.connection import Store
from huddle.store.versions import MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

# Tables that hold the ward's records (as opposed to bookkeeping tables).
DOMAIN_TABLES = (
    "ward",
    "person",
    "agenda_template",
    "huddle",
    "huddle_section",
    "attendance",
    "learning_item",
    "learning_theme",
    "action",
    "action_learning",
    "action_measure",
    "progress_note",
    "pdsa_cycle",
    "measure",
    "measure_point",
    "measure_rebase",
    "annotation",
    "setting",
    "audit",
    # 0008_psirf
    "learning_response",
    "report_exemption",
    "pulse_tally",
    "what_matters",
    "touchpoint",
    "excellence_credit",
    # 0009_escalations
    "escalation",
    "escalation_answer",
)

_RECORD = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
"""

INITIAL_SCHEMA = [
    f"""CREATE TABLE ward (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        site TEXT NOT NULL DEFAULT '',
        specialty TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    f"""CREATE TABLE person (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        display_name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        {_RECORD})""",
    "CREATE INDEX person_ward ON person(ward_id, active)",
    f"""CREATE TABLE agenda_template (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        sections_json TEXT NOT NULL,
        is_default INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    f"""CREATE TABLE huddle (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        kind TEXT NOT NULL,
        template_id TEXT REFERENCES agenda_template(id),
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'abandoned')),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        facilitator_id TEXT REFERENCES person(id),
        others_count INTEGER NOT NULL DEFAULT 0 CHECK (others_count >= 0),
        risks_today TEXT NOT NULL DEFAULT '',
        {_RECORD})""",
    "CREATE INDEX huddle_ward_started ON huddle(ward_id, started_at)",
    f"""CREATE TABLE huddle_section (
        id TEXT PRIMARY KEY,
        huddle_id TEXT NOT NULL REFERENCES huddle(id),
        position INTEGER NOT NULL,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        seconds INTEGER NOT NULL CHECK (seconds >= 0),
        notes TEXT NOT NULL DEFAULT '',
        {_RECORD},
        UNIQUE (huddle_id, position))""",
    """CREATE TABLE attendance (
        huddle_id TEXT NOT NULL REFERENCES huddle(id),
        person_id TEXT NOT NULL REFERENCES person(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (huddle_id, person_id)) WITHOUT ROWID""",
    "CREATE INDEX attendance_person ON attendance(person_id)",
    f"""CREATE TABLE learning_item (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        kind TEXT NOT NULL,
        occurred_on TEXT NOT NULL,
        title TEXT NOT NULL,
        what_happened TEXT NOT NULL DEFAULT '',
        what_helped TEXT NOT NULL DEFAULT '',
        what_learned TEXT NOT NULL DEFAULT '',
        what_change TEXT NOT NULL DEFAULT '',
        harm TEXT NOT NULL DEFAULT 'none',
        safety_category TEXT,
        incident_ref TEXT NOT NULL DEFAULT '',
        huddle_id TEXT REFERENCES huddle(id),
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    "CREATE INDEX learning_ward_date ON learning_item(ward_id, occurred_on)",
    "CREATE INDEX learning_harm ON learning_item(ward_id, harm, occurred_on)",
    "CREATE INDEX learning_huddle ON learning_item(huddle_id)",
    """CREATE TABLE learning_theme (
        learning_id TEXT NOT NULL REFERENCES learning_item(id),
        theme TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (learning_id, theme)) WITHOUT ROWID""",
    "CREATE INDEX learning_theme_theme ON learning_theme(theme)",
    f"""CREATE TABLE measure (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        name TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        better TEXT NOT NULL CHECK (better IN ('up', 'down', 'neutral')),
        target REAL,
        period TEXT NOT NULL CHECK (period IN ('day', 'week', 'month')),
        chart_kind TEXT NOT NULL CHECK (chart_kind IN ('xmr', 'run', 'safety_cross')),
        baseline_points INTEGER,
        description TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    f"""CREATE TABLE action (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        title TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        owner_id TEXT REFERENCES person(id),
        owner_text TEXT NOT NULL DEFAULT '',
        due_on TEXT,
        status TEXT NOT NULL,
        priority TEXT NOT NULL DEFAULT 'normal',
        origin TEXT NOT NULL,
        huddle_id TEXT REFERENCES huddle(id),
        closing_note TEXT NOT NULL DEFAULT '',
        drop_reason TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    "CREATE INDEX action_ward_status ON action(ward_id, status, due_on)",
    "CREATE INDEX action_huddle ON action(huddle_id)",
    """CREATE TABLE action_learning (
        action_id TEXT NOT NULL REFERENCES action(id),
        learning_id TEXT NOT NULL REFERENCES learning_item(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (action_id, learning_id)) WITHOUT ROWID""",
    "CREATE INDEX action_learning_learning ON action_learning(learning_id)",
    """CREATE TABLE action_measure (
        action_id TEXT NOT NULL REFERENCES action(id),
        measure_id TEXT NOT NULL REFERENCES measure(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (action_id, measure_id)) WITHOUT ROWID""",
    "CREATE INDEX action_measure_measure ON action_measure(measure_id)",
    f"""CREATE TABLE progress_note (
        id TEXT PRIMARY KEY,
        action_id TEXT NOT NULL REFERENCES action(id),
        huddle_id TEXT REFERENCES huddle(id),
        text TEXT NOT NULL,
        status_from TEXT,
        status_to TEXT,
        {_RECORD})""",
    "CREATE INDEX progress_note_action ON progress_note(action_id, created_at)",
    "CREATE INDEX progress_note_huddle ON progress_note(huddle_id)",
    # When an action last moved on is derived from its notes, never stored, so a
    # progress note never makes someone else's open edit of the action stale.
    """CREATE VIEW action_view AS
        SELECT a.*, (SELECT max(p.created_at) FROM progress_note p WHERE p.action_id = a.id)
            AS last_progress_at
        FROM action a""",
    f"""CREATE TABLE pdsa_cycle (
        id TEXT PRIMARY KEY,
        action_id TEXT NOT NULL REFERENCES action(id),
        number INTEGER NOT NULL CHECK (number >= 1),
        plan TEXT NOT NULL,
        prediction TEXT NOT NULL DEFAULT '',
        do TEXT NOT NULL DEFAULT '',
        study TEXT NOT NULL DEFAULT '',
        act TEXT CHECK (act IS NULL OR act IN ('adopt', 'adapt', 'abandon')),
        started_on TEXT NOT NULL,
        completed_on TEXT,
        {_RECORD},
        UNIQUE (action_id, number))""",
    f"""CREATE TABLE measure_point (
        id TEXT PRIMARY KEY,
        measure_id TEXT NOT NULL REFERENCES measure(id),
        period_start TEXT NOT NULL,
        value REAL NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        {_RECORD},
        UNIQUE (measure_id, period_start))""",
    f"""CREATE TABLE measure_rebase (
        id TEXT PRIMARY KEY,
        measure_id TEXT NOT NULL REFERENCES measure(id),
        from_date TEXT NOT NULL,
        reason TEXT NOT NULL,
        {_RECORD},
        UNIQUE (measure_id, from_date))""",
    f"""CREATE TABLE annotation (
        id TEXT PRIMARY KEY,
        measure_id TEXT NOT NULL REFERENCES measure(id),
        on_date TEXT NOT NULL,
        text TEXT NOT NULL,
        action_id TEXT REFERENCES action(id),
        pdsa_id TEXT REFERENCES pdsa_cycle(id),
        {_RECORD})""",
    "CREATE INDEX annotation_measure ON annotation(measure_id, on_date)",
    f"""CREATE TABLE setting (
        id TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        {_RECORD})""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        before_json TEXT,
        after_json TEXT)""",
    "CREATE INDEX audit_entity ON audit(entity, entity_id)",
    """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are permanent'); END""",
    """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'audit rows are permanent'); END""",
]


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    for statement in INITIAL_SCHEMA:
        db.execute(statement)


# Spelled out, not imported: a released migration must never change behaviour.
LEARNING_SEARCH_COLUMNS = (
    "title",
    "what_happened",
    "what_helped",
    "what_learned",
    "what_change",
    "incident_ref",
)


@migrations(name="0002_learning_search")
def _learning_search(db: sqlite_utils.Database) -> None:
    # FTS5 over the learning log, kept in step by triggers. The index is keyed
    # on rowid: never VACUUM this database without rebuilding it.
    db.table("learning_item").enable_fts(
        LEARNING_SEARCH_COLUMNS,
        fts_version="FTS5",
        create_triggers=True,
        tokenize="porter unicode61 remove_diacritics 2",
    )


@migrations(name="0003_huddle_screen_indexes")
def _huddle_screen_indexes(db: sqlite_utils.Database) -> None:
    # the running huddle and "learning since the last huddle" without a full scan
    db.execute("CREATE INDEX huddle_ward_status ON huddle(ward_id, status, started_at)")
    db.execute("CREATE INDEX learning_ward_created ON learning_item(ward_id, created_at)")


@migrations(name="0004_audit_chain")
def _audit_chain(db: sqlite_utils.Database) -> None:
    # Hash-chain the audit trail (huddle.audit_chain); only a recorded redaction
    # may change a row, and INSERT OR REPLACE (which deletes without firing the
    # delete trigger) is refused.
    from huddle.audit_chain import fill_chain

    for column in ("content_hash", "chain_hash", "redacted_at"):
        db.execute(f"ALTER TABLE audit ADD COLUMN {column} TEXT")
    db.execute("DROP TRIGGER audit_no_update")
    cursor = db.execute(
        "SELECT id, at, actor, entity, entity_id, op, before_json, after_json FROM audit "
        "ORDER BY id"
    )
    names = [c[0] for c in cursor.description]
    fill_chain(db.conn, ((r[0], dict(zip(names, r, strict=True))) for r in cursor.fetchall()))
    db.execute(
        """CREATE TRIGGER audit_only_redaction BEFORE UPDATE ON audit
        WHEN NOT (OLD.redacted_at IS NULL AND NEW.redacted_at IS NOT NULL
            AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor IS OLD.actor
            AND NEW.entity IS OLD.entity AND NEW.entity_id IS OLD.entity_id
            AND NEW.op IS OLD.op AND NEW.content_hash IS OLD.content_hash
            AND NEW.chain_hash IS OLD.chain_hash)
        BEGIN SELECT RAISE(ABORT, 'audit rows are permanent'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
        WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'audit rows are permanent'); END"""
    )
    db.execute(
        """CREATE TRIGGER audit_hashed BEFORE INSERT ON audit
        WHEN NEW.content_hash IS NULL OR NEW.chain_hash IS NULL
        BEGIN SELECT RAISE(ABORT, 'audit rows carry their hashes'); END"""
    )
    db.execute(
        """CREATE TABLE integrity_seal (
        name TEXT PRIMARY KEY,
        checksum TEXT NOT NULL,
        sealed_at TEXT NOT NULL)"""
    )


# The change feed (issue 18). Spelled out here, not imported: a released
# migration must never change behaviour.
SYNC_FEED_SCHEMA = [
    # This database's device id and the sync bookkeeping (cursors, last sync).
    """CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    # Every change this database knows, with the device that made it and that
    # device's sequence number for the ward. audit_id is NULL for a change that
    # was kept aside (a conflict) rather than written here.
    """CREATE TABLE sync_change (
        id INTEGER PRIMARY KEY,
        device_id TEXT NOT NULL,
        ward_id TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        audit_id INTEGER REFERENCES audit(id),
        resolves INTEGER NOT NULL DEFAULT 0,
        pushed INTEGER NOT NULL DEFAULT 0,
        payload TEXT,
        UNIQUE (device_id, ward_id, seq))""",
    "CREATE INDEX sync_change_pending ON sync_change(ward_id, pushed)",
    "CREATE INDEX sync_change_audit ON sync_change(audit_id)",
    # Changes from elsewhere that wait for an earlier one (a gap in a device's
    # sequence, or a record they refer to that has not arrived yet).
    """CREATE TABLE sync_held (
        device_id TEXT NOT NULL,
        ward_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        payload TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (device_id, ward_id, seq)) WITHOUT ROWID""",
    # Records changed on two PCs while apart: both versions, until a person chooses.
    """CREATE TABLE sync_conflict (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('edited_twice', 'archive_undone')),
        local_json TEXT NOT NULL,
        remote_json TEXT NOT NULL,
        remote_device TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'noted')),
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX sync_conflict_open ON sync_conflict(ward_id, status)",
]
# Where the ward of a child record is found: table -> (parent table, column).
SYNC_FEED_PARENTS = {
    "huddle_section": ("huddle", "huddle_id"),
    "attendance": ("huddle", "huddle_id"),
    "learning_theme": ("learning_item", "learning_id"),
    "action_learning": ("action", "action_id"),
    "action_measure": ("action", "action_id"),
    "progress_note": ("action", "action_id"),
    "pdsa_cycle": ("action", "action_id"),
    "measure_point": ("measure", "measure_id"),
    "measure_rebase": ("measure", "measure_id"),
    "annotation": ("measure", "measure_id"),
}


@migrations(name="0005_sync_feed")
def _sync_feed(db: sqlite_utils.Database) -> None:
    import json
    import uuid

    for statement in SYNC_FEED_SCHEMA:
        db.execute(statement)
    device = str(uuid.uuid4())
    db.execute("INSERT INTO sync_state (key, value) VALUES ('device_id', ?)", (device,))
    # The ward's history so far becomes this device's feed, in the order it was
    # written, so an existing ward's first push carries all of it.
    wards = [r[0] for r in db.execute("SELECT DISTINCT entity_id FROM audit WHERE entity = 'ward'")]
    ward_of: dict[str, str] = {}
    seqs: dict[str, int] = {}
    rows = []
    cursor = db.execute(
        "SELECT id, entity, entity_id, before_json, after_json FROM audit ORDER BY id"
    )
    for audit_id, entity, entity_id, before_json, after_json in cursor:
        row = json.loads(after_json or before_json or "{}")
        if entity == "ward":
            ward = entity_id
        elif "ward_id" in row:
            ward = row["ward_id"]
        elif entity in SYNC_FEED_PARENTS:
            ward = ward_of.get(row.get(SYNC_FEED_PARENTS[entity][1]) or "")
        elif entity == "setting" and len(wards) == 1:
            ward = wards[0]
        else:
            ward = None
        if not ward:
            continue
        if entity in ("ward", "huddle", "learning_item", "action", "measure"):
            ward_of[entity_id] = ward
        seqs[ward] = seqs.get(ward, 0) + 1
        rows.append((device, ward, seqs[ward], audit_id))
    db.conn.executemany(
        "INSERT INTO sync_change (device_id, ward_id, seq, audit_id) VALUES (?, ?, ?, ?)", rows
    )


@migrations(name="0006_identifier_confirmations")
def _identifier_confirmations(db: sqlite_utils.Database) -> None:
    # A person's word that a piece of text the identifier guard flags is not an
    # identifier. The text is kept only as a SHA-256 fingerprint (of its
    # normalised form), so a wrong confirmation does not copy an identifier
    # into a second place; who confirmed it and when is in the audit row.
    db.execute(
        """CREATE TABLE identifier_confirmation (
            id TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL UNIQUE,
            field TEXT NOT NULL,
            kind TEXT NOT NULL,
            masked TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        )"""
    )


@migrations(name="0007_measure_chart_kind")
def _measure_chart_kind(db: sqlite_utils.Database) -> None:
    # Rare events (#15): a count of rare harms can be read as days between events
    # (a t-chart), alongside its usual chart or instead of it. Added as a column
    # with a default, so every existing measure keeps its chart and no table is rebuilt.
    db.execute(
        "ALTER TABLE measure ADD COLUMN rare_event_chart TEXT NOT NULL DEFAULT 'none' "
        "CHECK (rare_event_chart IN ('none', 'alongside', 'instead'))"
    )


# Learning responses, the speak-up pulse and the patient's voice. The pulse keeps
# no answer as a row: only a count per ward, week, question and score, with no
# rowid (which would order answers), no created or updated moment and no person.
PSIRF_SCHEMA = [
    f"""CREATE TABLE learning_response (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        learning_id TEXT NOT NULL REFERENCES learning_item(id),
        kind TEXT NOT NULL CHECK (kind IN ('swarm', 'aar')),
        status TEXT NOT NULL CHECK (status IN ('running', 'finished')),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        present_json TEXT NOT NULL DEFAULT '[]',
        happened TEXT NOT NULL DEFAULT '',
        expected TEXT NOT NULL DEFAULT '',
        difference TEXT NOT NULL DEFAULT '',
        patient_view TEXT NOT NULL DEFAULT '',
        safer TEXT NOT NULL DEFAULT '',
        learning TEXT NOT NULL DEFAULT '',
        {_RECORD})""",
    "CREATE INDEX learning_response_learning ON learning_response(learning_id)",
    "CREATE INDEX learning_response_ward ON learning_response(ward_id, started_at)",
    f"""CREATE TABLE report_exemption (
        id TEXT PRIMARY KEY,
        learning_id TEXT NOT NULL UNIQUE REFERENCES learning_item(id),
        reason TEXT NOT NULL,
        {_RECORD})""",
    """CREATE TABLE pulse_tally (
        ward_id TEXT NOT NULL REFERENCES ward(id),
        week TEXT NOT NULL CHECK (week = date(week) AND strftime('%w', week) = '1'),
        question TEXT NOT NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        answers INTEGER NOT NULL CHECK (answers >= 1),
        PRIMARY KEY (ward_id, week, question, score)) WITHOUT ROWID""",
    f"""CREATE TABLE what_matters (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        noted_on TEXT NOT NULL,
        text TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    "CREATE INDEX what_matters_ward ON what_matters(ward_id, noted_on)",
    f"""CREATE TABLE touchpoint (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        noted_on TEXT NOT NULL,
        stage TEXT NOT NULL,
        feeling TEXT NOT NULL CHECK (feeling IN ('positive', 'negative')),
        emotion TEXT NOT NULL DEFAULT '',
        what_happened TEXT NOT NULL DEFAULT '',
        staff_suggestion TEXT NOT NULL DEFAULT '',
        patient_suggestion TEXT NOT NULL DEFAULT '',
        archived INTEGER NOT NULL DEFAULT 0,
        {_RECORD})""",
    "CREATE INDEX touchpoint_ward ON touchpoint(ward_id, noted_on)",
    f"""CREATE TABLE excellence_credit (
        id TEXT PRIMARY KEY,
        learning_id TEXT NOT NULL UNIQUE REFERENCES learning_item(id),
        who TEXT NOT NULL,
        {_RECORD})""",
]


@migrations(name="0008_psirf")
def _psirf(db: sqlite_utils.Database) -> None:
    for statement in PSIRF_SCHEMA:
        db.execute(statement)


# Escalations to the trust's tiered huddles (#19). The tier's answers are rows of
# their own, never edits of the ward's escalation, so a ward's edit and a tier's
# answer made apart never conflict; the tier login may push only those rows.
ESCALATION_SCHEMA = [
    f"""CREATE TABLE escalation (
        id TEXT PRIMARY KEY,
        ward_id TEXT NOT NULL REFERENCES ward(id),
        source_kind TEXT NOT NULL
            CHECK (source_kind IN ('huddle', 'action', 'learning', 'risk')),
        source_id TEXT,
        tier TEXT NOT NULL CHECK (length(tier) > 0),
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        answer_by TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        raised_by TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
        closed_at TEXT,
        {_RECORD})""",
    "CREATE INDEX escalation_ward_status ON escalation(ward_id, status, answer_by)",
    "CREATE INDEX escalation_source ON escalation(source_kind, source_id)",
    f"""CREATE TABLE escalation_answer (
        id TEXT PRIMARY KEY,
        escalation_id TEXT NOT NULL REFERENCES escalation(id),
        answer TEXT NOT NULL CHECK (length(answer) > 0),
        owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('answered', 'in_progress', 'closed')),
        answered_at TEXT NOT NULL,
        answered_by TEXT NOT NULL DEFAULT '',
        tier TEXT NOT NULL DEFAULT '',
        {_RECORD})""",
    "CREATE INDEX escalation_answer_escalation ON escalation_answer(escalation_id, answered_at)",
]


@migrations(name="0009_escalations")
def _escalations(db: sqlite_utils.Database) -> None:
    for statement in ESCALATION_SCHEMA:
        db.execute(statement)


@migrations(name="0010_unreported_index")
def _unreported_index(db: sqlite_utils.Database) -> None:
    # Today's "not yet reported" strip, read at every start, without reading the
    # whole learning log: huddle.store.psirf.unreported repeats this condition
    # word for word (SQLite uses a partial index only for a query that says so).
    db.execute(
        "CREATE INDEX learning_unreported ON learning_item(ward_id, occurred_on) "
        "WHERE archived = 0 AND kind IN ('incident', 'near_miss') AND trim(incident_ref) = ''"
    )


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


def schema_version(store: Store) -> int:
    """How many of our migrations this database has applied."""
    return len(migrations.applied(store.db))


def pending(store: Store) -> list[str]:
    return [m.name for m in migrations.pending(store.db)]


def check_not_newer(store: Store) -> None:
    versions.check_not_newer(store.conn)


def migrate(store: Store, *, backup_dir: Path | None = None) -> Path | None:
    """Apply pending migrations; returns the backup taken first, if any."""
    names = pending(store)
    if not names:
        return None
    backup_path = None
    tables_matched_audit = _tables_match_audit(store)
    if migrations.applied(store.db) or _has_user_tables(store):
        from huddle.backup import backup_before_migration

        backup_path = backup_before_migration(store, backup_dir=backup_dir)
    try:
        with store.db.ensure_autocommit_on():
            migrations.apply(store.db)
        store.conn.execute(f"PRAGMA user_version = {len(known_names())}")
        seal_schema(store)
        if tables_matched_audit:  # never launder changes made outside the app before
            from huddle.deep_check import record_migration_changes

            record_migration_changes(store)
    except Exception as error:
        raise StoreError(
            f"Upgrading the database failed ({error}); it was left as it was"
            + (f" and a copy is at {backup_path}." if backup_path else ".")
        ) from error
    return backup_path


def _tables_match_audit(store: Store) -> bool:
    """Before migrating: do the tables match their audit trail (or is there no
    chain yet, an upgrade from before 0004)? Then the migration's own changes
    to records are written to the audit trail afterwards."""
    from huddle.deep_check import rebuild_differences

    columns = {r["name"] for r in store.query("PRAGMA table_info(audit)")}
    if "chain_hash" not in columns:
        return True
    return not rebuild_differences(store.conn, limit=1)


def seal_schema(store: Store) -> None:
    """Record a checksum of the structure and the applied migrations (the
    bookkeeping the audit does not cover); ``check --deep`` compares it."""
    from huddle.audit_chain import SEAL_NAME, schema_checksum
    from huddle.clock import iso_now

    with store.transaction():
        store.execute(
            "INSERT OR REPLACE INTO integrity_seal (name, checksum, sealed_at) VALUES (?, ?, ?)",
            (SEAL_NAME, schema_checksum(store.conn), iso_now(store.clock)),
        )


def _has_user_tables(store: Store) -> bool:
    return bool(
        store.scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != ?",
            (Migrations.migrations_table,),
        )
    )
