"""Time the identifier guard over a ward's worth of free text. A plain script, run by hand:

    .venv/bin/python benchmarks/bench_identifiers.py

Scans 200,000 made-up nursing sentences (times, dates, bed numbers, phone
extensions, doses) with a few planted NHS numbers from the never-issued 999
range, field by field as ``huddle pid-scan`` does, with every built-in kind on.
Target: 100,000 fields in well under 5 s, so 200,000 in under 10 s. Prints the
best and median of a few runs, with and without the machine's extra patterns,
and what was found by kind (one template in ten carries a bed manager's phone
number, which the phone check is meant to find; every NHS number beyond the
planted ones would be a false alarm).
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter

from huddle.identifiers import IdentifierGuard, parse_extra_patterns

SENTENCES = 200_000
PLANTED = 12
REPEATS = 5
TARGET_S = 10.0  # 200,000 fields; the pid-scan target is 100,000 in 5 s

TEMPLATES = (
    "Pressure area care done for bay {bay} bed {bed} at {time}; skin intact.",
    "Falls risk reassessed on {date}, two staff for transfers, sensor mat in place.",
    "NEWS2 score {score} at {time}, escalated to the registrar on bleep {bleep}.",
    "Fluid balance {ml} ml in, {ml2} ml out by {time}. Encourage oral fluids.",
    "Pharmacy rang about the {dose} mg dose; call back on ext {ext} before {time}.",
    "Bed manager on 01632 960 {phone} says side room {bed} free from {date}.",
    "Huddle: {count} staff, {count2} actions reviewed, learning shared about hand-over.",
    "Stock code {stock}-{bed} reordered; delivery expected {date2}.",
    "Safety cross updated: {count} days without a fall in bay {bay}.",
    "Great teamwork during the cardiac arrest at {time}; debrief held, all staff well.",
)


def sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        bay=rng.randint(1, 6),
        bed=rng.randint(1, 28),
        time=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        date=f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2026",
        date2=f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        score=rng.randint(0, 12),
        bleep=rng.randint(1000, 9999),
        ml=rng.randint(100, 2500),
        ml2=rng.randint(100, 2500),
        dose=rng.choice(("2.5", "5", "12.5", "500", "1000")),
        ext=rng.randint(10000, 99999),
        phone=f"{rng.randint(0, 999):03d}",
        count=rng.randint(2, 60),
        count2=rng.randint(0, 9),
        stock=rng.randint(10_000_000, 99_999_999),
    )


def valid_999_number(rng: random.Random) -> str:
    while True:
        nine = f"999{rng.randint(0, 999_999):06d}"
        total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        if check != 10:
            return nine + str(check)


def corpus(rng: random.Random) -> list[str]:
    texts = [sentence(rng) for _ in range(SENTENCES)]
    for index in rng.sample(range(SENTENCES), PLANTED):
        number = valid_999_number(rng)
        shown = rng.choice((number, f"{number[:3]} {number[3:6]} {number[6:]}"))
        texts[index] += f" Patient {shown} moved."
    return texts


def timed(label: str, guard: IdentifierGuard, texts: list[str]) -> float:
    found = sum(len(guard.find(text)) for text in texts)  # warm up, and count
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for text in texts:
            guard.find(text)
        times.append(time.perf_counter() - start)
    best, median = min(times), statistics.median(times)
    per_field_us = best / len(texts) * 1e6
    print(
        f"{label:<34} best {best:6.3f} s   median {median:6.3f} s   "
        f"{per_field_us:5.2f} us/field   {found} found"
    )
    return best


def main() -> None:
    rng = random.Random(20261126)
    texts = corpus(rng)
    size_mb = sum(len(t) for t in texts) / 1e6
    print(f"{len(texts):,} sentences, {size_mb:.1f} M characters, {PLANTED} planted numbers")
    plain = timed("built-in checks", IdentifierGuard(), texts)
    extra = parse_extra_patterns(
        "hospital_number | looks like a hospital number | \\bRX[0-9]{7}\\b\n"
        "mrn | looks like a medical record number | \\bMRN[0-9]{6}\\b\n"
    )
    with_extra = timed("with two extra patterns", IdentifierGuard(extra), texts)
    fields = {str(i): text for i, text in enumerate(texts)}
    start = time.perf_counter()
    flagged = IdentifierGuard().scan_fields(fields)
    print(
        f"{'scan_fields (one mapping)':<34} once {time.perf_counter() - start:6.3f} s   "
        f"{len(flagged)} fields flagged"
    )
    kinds = Counter(m.kind for found in flagged.values() for m in found)
    print("found by kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    worst = max(plain, with_extra)
    verdict = "OK" if worst < TARGET_S else "TOO SLOW"
    print(f"target: {SENTENCES:,} fields under {TARGET_S:.0f} s -> {verdict}")


if __name__ == "__main__":
    main()
