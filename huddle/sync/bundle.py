"""Bundle files: a ward's changes carried on a USB stick or a shared drive.

A bundle is three lines and a body::

    WARD-HUDDLE-BUNDLE 1
    {"manifest": ward, device, sequence ranges, count, sha256 of the body, ...}
    {"seal": sha256 of (manifest line + body), "hmac": HMAC-SHA256 with the trust key}
    <gzip of one change a line>

Any changed or missing byte breaks the seal, so a tampered or truncated bundle
is refused whole, before anything is applied. With a trust key set (Windows
policy or huddle.ini ``[sync] trust_key``) bundles are signed, and a bundle
without a valid signature is refused.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huddle.clock import iso_now
from huddle.errors import HuddleError
from huddle.store.connection import Store
from huddle.sync import feed
from huddle.sync.apply import Received, receive
from huddle.sync.changes import BadChange, FeedChange, known_changes
from huddle.sync.guard import check_changes

MAGIC = b"WARD-HUDDLE-BUNDLE 1\n"
FORMAT = 1


class BundleRefused(HuddleError):
    """A bundle that cannot be trusted or used; nothing from it was applied."""


@dataclass(frozen=True)
class Manifest:
    ward_id: str
    ward_name: str
    device_id: str
    ranges: dict[str, list[int]]
    count: int
    sha256: str
    created_at: str

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "ward_id": self.ward_id,
            "ward_name": self.ward_name,
            "device_id": self.device_id,
            "ranges": self.ranges,
            "count": self.count,
            "sha256": self.sha256,
            "created_at": self.created_at,
        }


@dataclass(frozen=True)
class Exported:
    path: Path
    manifest: Manifest


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _seal(manifest_line: bytes, body: bytes, key: str | None) -> dict[str, str]:
    seal = {"sha256": hashlib.sha256(manifest_line + body).hexdigest()}
    if key:
        seal["hmac"] = hmac.new(key.encode("utf-8"), manifest_line + body, "sha256").hexdigest()
    return seal


def export_bundle(
    store: Store, *, ward_id: str, out: Path, since_last: bool, trust_key: str | None
) -> Exported:
    """Write the ward's changes to ``out`` (all known, or this device's new ones)."""
    device = feed.device_id(store)
    state_key = f"exported:{ward_id}:{device}"
    feed.number_confirmations(store, ward_id)
    if since_last:
        after = int(feed.state(store, state_key) or 0)
        changes = known_changes(store, ward_id, device=device, after_seq=after)
    else:
        changes = known_changes(store, ward_id)
    check_changes(changes, store)
    body = gzip.compress(b"".join(c.dumps().encode("utf-8") + b"\n" for c in changes), mtime=0)
    ranges: dict[str, list[int]] = {}
    for change in changes:
        low, high = ranges.get(change.device, [change.seq, change.seq])
        ranges[change.device] = [min(low, change.seq), max(high, change.seq)]
    name = store.scalar("SELECT name FROM ward WHERE id = ?", (ward_id,)) or ""
    manifest = Manifest(
        ward_id=ward_id,
        ward_name=str(name),
        device_id=device,
        ranges=ranges,
        count=len(changes),
        sha256=hashlib.sha256(body).hexdigest(),
        created_at=iso_now(store.clock),
    )
    manifest_line = _canonical(manifest.to_json()) + b"\n"
    seal_line = _canonical(_seal(manifest_line, body, trust_key)) + b"\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    partial.write_bytes(MAGIC + manifest_line + seal_line + body)
    partial.replace(out)
    own = [c.seq for c in changes if c.device == device]
    if own:
        with store.transaction():
            done = max(own + [int(feed.state(store, state_key) or 0)])
            feed.set_state(store, state_key, str(done))
    return Exported(out, manifest)


def read_bundle(path: Path, *, trust_key: str | None) -> tuple[Manifest, list[FeedChange]]:
    """Check a bundle whole and return its manifest and changes, or refuse it."""
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleRefused(f"{name} could not be read ({error.strerror or error}).") from error
    if not data.startswith(MAGIC):
        raise BundleRefused(f"{name} is not a Ward Huddle bundle.")
    rest = data[len(MAGIC) :]
    manifest_end = rest.find(b"\n") + 1
    seal_end = rest.find(b"\n", manifest_end) + 1
    if manifest_end <= 0 or seal_end <= 0:
        raise BundleRefused(f"{name} is truncated: it ends before its manifest does.")
    manifest_line, seal_line, body = (
        rest[:manifest_end],
        rest[manifest_end:seal_end],
        rest[seal_end:],
    )
    try:
        seal = json.loads(seal_line)
        raw = json.loads(manifest_line)
    except ValueError as error:
        raise BundleRefused(
            f"{name} has been changed or damaged: its manifest is unreadable."
        ) from error
    if not isinstance(seal, dict) or not isinstance(raw, dict):
        raise BundleRefused(f"{name} has been changed or damaged: its manifest is unreadable.")
    expected = _seal(manifest_line, body, None)["sha256"]
    if not hmac.compare_digest(str(seal.get("sha256", "")), expected):
        raise BundleRefused(
            f"{name} has been changed or is incomplete (its checksum does not match); "
            "nothing from it was applied. Export it again from the ward's PC."
        )
    if trust_key:
        signature = _seal(manifest_line, body, trust_key)["hmac"]
        if not hmac.compare_digest(str(seal.get("hmac", "")), signature):
            raise BundleRefused(
                f"{name} is not signed with this trust's key; nothing from it was applied."
            )
    if raw.get("format") != FORMAT:
        raise BundleRefused(f"{name} was written by another version of Ward Huddle.")
    try:
        manifest = Manifest(**{k: v for k, v in raw.items() if k != "format"})
        text = zlib.decompress(body, wbits=31).decode("utf-8")
        changes = [FeedChange.from_json(json.loads(line)) for line in text.splitlines() if line]
    except (TypeError, ValueError, zlib.error, BadChange) as error:
        raise BundleRefused(f"{name} is damaged ({error}); nothing from it was applied.") from error
    if len(changes) != manifest.count or any(c.ward != manifest.ward_id for c in changes):
        raise BundleRefused(f"{name} does not hold what its manifest lists; nothing was applied.")
    return manifest, changes


def import_bundles(store: Store, paths: list[Path], *, trust_key: str | None) -> Received:
    """Check every bundle first, then apply them all: one bad file stops the lot."""
    read = [read_bundle(path, trust_key=trust_key) for path in paths]
    wards = {r["id"] for r in store.query("SELECT id FROM ward")}
    for path, (manifest, _changes) in zip(paths, read, strict=True):
        if wards and manifest.ward_id not in wards:
            raise BundleRefused(
                f"{path.name} is for {manifest.ward_name or 'another ward'}, which this "
                "database does not hold; import it into that ward's database."
            )
    # one receive: a confirmation in one bundle counts for a record in another
    return receive(store, [c for _manifest, changes in read for c in changes], pushed=False)
