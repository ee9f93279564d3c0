"""The trust server's schema: its own numbered migrations, applied by ``huddle trust init``.

Everything lives in the ``huddle_sync`` schema. Group roles are made:
``huddle_device`` (ward PCs' logins are members: each login writes and reads
only its own ward's rows, enforced by row-level security) and
``huddle_reader`` (read-only, for trust views and reporting); migration
``0002_tiers`` adds ``huddle_tier`` (reads every ward; pushes only the tiers'
answers to escalations, for any ward). A login is bound
to a ward the first time it syncs that ward, or beforehand by IT
(``huddle_sync.login_ward``); from then on the server refuses its rows for any
other ward. Like the ward database, the server refuses to be driven by a
version older than its schema.
"""

from __future__ import annotations

from typing import Any

from huddle.errors import HuddleError

SCHEMA = "huddle_sync"

SERVER_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_change_feed",
        """
        CREATE TABLE huddle_sync.ward (
            id text PRIMARY KEY,
            name text NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE huddle_sync.login_ward (
            login name PRIMARY KEY,
            ward_id text NOT NULL REFERENCES huddle_sync.ward(id),
            bound_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE huddle_sync.device (
            id text NOT NULL,
            ward_id text NOT NULL REFERENCES huddle_sync.ward(id),
            login name NOT NULL DEFAULT session_user,
            first_seen timestamptz NOT NULL DEFAULT now(),
            last_seen timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (id, ward_id));
        CREATE TABLE huddle_sync.change (
            id bigserial PRIMARY KEY,
            ward_id text NOT NULL REFERENCES huddle_sync.ward(id),
            device_id text NOT NULL,
            seq bigint NOT NULL CHECK (seq >= 1),
            entity text NOT NULL,
            entity_id text NOT NULL,
            op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            payload jsonb NOT NULL,
            pushed_by name NOT NULL DEFAULT session_user,
            received_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (device_id, ward_id, seq));
        CREATE INDEX change_ward_id ON huddle_sync.change (ward_id, id);

        -- The ward this login may write (NULL: not bound yet).
        CREATE FUNCTION huddle_sync.my_ward() RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $$ SELECT ward_id FROM huddle_sync.login_ward WHERE login = session_user $$;

        -- Bind this login to a ward (creating the ward on the server the first
        -- time); refuses a login already bound to another ward.
        CREATE FUNCTION huddle_sync.claim_ward(p_ward text, p_name text) RETURNS text
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE bound text;
        BEGIN
            SELECT ward_id INTO bound FROM huddle_sync.login_ward WHERE login = session_user;
            IF bound IS NOT NULL THEN
                IF bound <> p_ward THEN
                    RAISE EXCEPTION 'login % writes for another ward', session_user
                        USING ERRCODE = '42501';
                END IF;
                RETURN bound;
            END IF;
            INSERT INTO huddle_sync.ward (id, name) VALUES (p_ward, p_name)
                ON CONFLICT (id) DO NOTHING;
            INSERT INTO huddle_sync.login_ward (login, ward_id) VALUES (session_user, p_ward);
            RETURN p_ward;
        END $$;

        -- Find a ward to join by id or name and bind this login to it.
        CREATE FUNCTION huddle_sync.join_ward(p_ward text) RETURNS text
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE found text; how_many int;
        BEGIN
            SELECT count(*), min(id) INTO how_many, found FROM huddle_sync.ward
                WHERE id = p_ward OR lower(name) = lower(p_ward);
            IF how_many = 0 THEN
                RAISE EXCEPTION 'no ward called % on this server', p_ward
                    USING ERRCODE = 'P0002';
            ELSIF how_many > 1 THEN
                RAISE EXCEPTION 'several wards are called %: give the ward id', p_ward
                    USING ERRCODE = 'P0003';
            END IF;
            RETURN huddle_sync.claim_ward(found, '');
        END $$;

        REVOKE ALL ON ALL TABLES IN SCHEMA huddle_sync FROM PUBLIC;
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA huddle_sync FROM PUBLIC;
        GRANT USAGE ON SCHEMA huddle_sync TO huddle_device, huddle_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA huddle_sync TO huddle_reader;
        GRANT SELECT ON huddle_sync.ward, huddle_sync.change, huddle_sync.device,
            huddle_sync.migration TO huddle_device;
        GRANT INSERT ON huddle_sync.change TO huddle_device;
        GRANT INSERT, UPDATE ON huddle_sync.device TO huddle_device;
        GRANT USAGE ON SEQUENCE huddle_sync.change_id_seq TO huddle_device;
        GRANT EXECUTE ON FUNCTION huddle_sync.my_ward(), huddle_sync.claim_ward(text, text),
            huddle_sync.join_ward(text) TO huddle_device;

        ALTER TABLE huddle_sync.change ENABLE ROW LEVEL SECURITY;
        ALTER TABLE huddle_sync.device ENABLE ROW LEVEL SECURITY;
        ALTER TABLE huddle_sync.ward ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_ward_reads ON huddle_sync.change FOR SELECT TO huddle_device
            USING (ward_id = huddle_sync.my_ward());
        CREATE POLICY own_ward_writes ON huddle_sync.change FOR INSERT TO huddle_device
            WITH CHECK (ward_id = huddle_sync.my_ward() AND pushed_by = session_user);
        CREATE POLICY own_ward_devices ON huddle_sync.device FOR ALL TO huddle_device
            USING (ward_id = huddle_sync.my_ward())
            WITH CHECK (ward_id = huddle_sync.my_ward());
        CREATE POLICY own_ward ON huddle_sync.ward FOR SELECT TO huddle_device
            USING (id = huddle_sync.my_ward());
        CREATE POLICY trust_reads ON huddle_sync.change FOR SELECT TO huddle_reader USING (true);
        CREATE POLICY trust_reads ON huddle_sync.device FOR SELECT TO huddle_reader USING (true);
        CREATE POLICY trust_reads ON huddle_sync.ward FOR SELECT TO huddle_reader USING (true);
        """,
    ),
    (
        # The tiered huddles (#19): a tier login (matron's, the site team's) reads
        # every ward like a reader, and may push for any ward only the tier's
        # answers to escalations, from a device registered under its own name.
        "0002_tiers",
        """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huddle_tier') THEN
                CREATE ROLE huddle_tier NOLOGIN;
            END IF;
        END $$;
        GRANT USAGE ON SCHEMA huddle_sync TO huddle_tier;
        GRANT SELECT ON ALL TABLES IN SCHEMA huddle_sync TO huddle_tier;
        GRANT INSERT ON huddle_sync.change TO huddle_tier;
        GRANT INSERT, UPDATE ON huddle_sync.device TO huddle_tier;
        GRANT USAGE ON SEQUENCE huddle_sync.change_id_seq TO huddle_tier;
        CREATE POLICY tier_reads ON huddle_sync.change FOR SELECT TO huddle_tier USING (true);
        CREATE POLICY tier_reads ON huddle_sync.device FOR SELECT TO huddle_tier USING (true);
        CREATE POLICY tier_reads ON huddle_sync.ward FOR SELECT TO huddle_tier USING (true);
        CREATE POLICY tier_devices ON huddle_sync.device FOR INSERT TO huddle_tier
            WITH CHECK (login = session_user);
        CREATE POLICY tier_devices_seen ON huddle_sync.device FOR UPDATE TO huddle_tier
            USING (login = session_user) WITH CHECK (login = session_user);
        -- Only answers, only as themselves, and the payload must say the same as
        -- the columns (a ward PC applies the payload).
        CREATE POLICY tier_answers ON huddle_sync.change FOR INSERT TO huddle_tier
            WITH CHECK (
                entity = 'escalation_answer'
                AND op IN ('insert', 'update')
                AND pushed_by = session_user
                AND payload->>'entity' = 'escalation_answer'
                AND payload->>'ward' = ward_id
                AND payload->>'device' = device_id
                AND payload->>'entity_id' = entity_id
                AND payload->>'op' = op
                AND (payload->>'seq')::bigint = seq
                AND EXISTS (SELECT 1 FROM huddle_sync.device d
                    WHERE d.id = device_id AND d.ward_id = change.ward_id
                        AND d.login = session_user));
        """,
    ),
)
KNOWN = tuple(name for name, _sql in SERVER_MIGRATIONS)


class ServerSchemaError(HuddleError):
    """The server's schema is missing, or newer than this version understands."""


_BOOTSTRAP = """
CREATE SCHEMA IF NOT EXISTS huddle_sync;
CREATE TABLE IF NOT EXISTS huddle_sync.migration (
    name text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now());
"""
_ROLES = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huddle_device') THEN
        CREATE ROLE huddle_device NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'huddle_reader') THEN
        CREATE ROLE huddle_reader NOLOGIN;
    END IF;
END $$;
"""


def applied(conn: Any) -> list[str]:
    exists = conn.execute("SELECT to_regclass('huddle_sync.migration') IS NOT NULL").fetchone()[0]
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM huddle_sync.migration ORDER BY name")]


def _refuse_newer(names: list[str], what_to_do: str) -> None:
    """Raise if ``names`` (the server's applied migrations) hold one this version does not
    know: the server was set up by a newer Ward Huddle. ``what_to_do`` ends the message."""
    newer = [n for n in names if n not in KNOWN]
    if newer:
        raise ServerSchemaError(
            f"The sync server has schema change {newer[-1]}, newer than this version "
            f"of Ward Huddle; {what_to_do}"
        )


def check_schema(conn: Any) -> None:
    """Refuse a server that is not set up, half set up or newer than this version."""
    names = applied(conn)
    _refuse_newer(names, "install the newer version on this PC.")
    if len(names) < len(KNOWN):
        raise ServerSchemaError(
            "The sync server is not set up for this version yet; ask IT to run "
            "'huddle trust init --server URL'."
        )


def init_server(address: str) -> list[str]:
    """Create or upgrade the server schema; returns the migrations applied."""
    from huddle.sync.server import connect

    with connect(address, autocommit=False) as conn:
        with conn.transaction():
            # one IT person at a time: a second 'trust init' waits here
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('huddle_sync.init'))")
            conn.execute(_ROLES)
            conn.execute(_BOOTSTRAP)
            done = applied(conn)
            _refuse_newer(done, "nothing was changed. Run 'trust init' from the newer version.")
            made = []
            for name, sql in SERVER_MIGRATIONS:
                if name in done:
                    continue
                conn.execute(sql)
                conn.execute("INSERT INTO huddle_sync.migration (name) VALUES (%s)", (name,))
                made.append(name)
    return made
