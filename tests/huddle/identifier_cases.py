"""Hostile spellings of identifiers, as a tester (or a copy from another system) writes them.

Every NHS number is from the never-issued 999 range; every other identifier is
made up (Ofcom's drama phone ranges, the "QQ"-free NI formats, example.org).
Each case is (label, text, kind, secret): ``secret`` is a piece of the
identifier that no message may print.
"""

from __future__ import annotations

NBSP, THIN, NNBSP, ZWSP, ZWJ, SHY, WJ = (
    "\u00a0",
    "\u2009",
    "\u202f",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\u2060",
)
EN, EM, MINUS, FIG = "\u2013", "\u2014", "\u2212", "\u2012"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def script(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


NHS = "nhs_number"
HOSTILE: list[tuple[str, str, str, str]] = [
    # -- NHS numbers: every spelling ------------------------------------------
    ("plain", "9990000018", NHS, "0000018"),
    ("spaced 3-3-4", "999 000 0018", NHS, "000 0018"),
    ("hyphened", "999-000-0018", NHS, "000-0018"),
    ("non-breaking spaces", f"999{NBSP}000{NBSP}0018", NHS, "0018"),
    ("thin spaces", f"999{THIN}000{THIN}0018", NHS, "0018"),
    ("narrow non-breaking spaces", f"999{NNBSP}000{NNBSP}0018", NHS, "0018"),
    ("double spaces", "999  000  0018", NHS, "0018"),
    ("tabs", "999\t000\t0018", NHS, "0018"),
    ("dots", "999.000.0018", NHS, "000.0018"),
    ("slashes", "999/000/0018", NHS, "000/0018"),
    ("en dashes", f"999{EN}000{EN}0018", NHS, "0018"),
    ("em dashes", f"999{EM}000{EM}0018", NHS, "0018"),
    ("minus signs", f"999{MINUS}000{MINUS}0018", NHS, "0018"),
    ("figure dashes", f"999{FIG}000{FIG}0018", NHS, "0018"),
    ("spaced dashes", "999 - 000 - 0018", NHS, "0018"),
    ("4-3-3 groups", "9990 000 018", NHS, "000 018"),
    ("3-4-3 groups", "999 0000 018", NHS, "0000 018"),
    ("5-5 groups", "99900 00018", NHS, "00018"),
    ("pairs", "99 90 00 00 18", NHS, "00 00 18"),
    ("one digit at a time", "9 9 9 0 0 0 0 0 1 8", NHS, "0 0 0 0 1 8"),
    ("mixed separators", "999 000-0018", NHS, "000-0018"),
    ("across a line break", "999\n000\n0018", NHS, "0018"),
    ("across a Windows line break", "999 000\r\n0018", NHS, "0018"),
    ("line break and spaces", "999 000 \n 0018", NHS, "0018"),
    ("zero-width space inside", f"999{ZWSP}000{ZWSP}0018", NHS, "0018"),
    ("zero-width joiner inside", f"9990{ZWJ}000018", NHS, "000018"),
    ("word joiner inside", f"99900{WJ}00018", NHS, "00018"),
    ("soft hyphens inside", f"999{SHY}000{SHY}0018", NHS, "0018"),
    ("full-width digits", full_width("9990000018"), NHS, full_width("0000018")),
    ("full-width spaced", full_width("999 000 0018"), NHS, full_width("0018")),
    ("Arabic-Indic digits", script("9990000018", 0x0660), NHS, script("0018", 0x0660)),
    ("Devanagari digits", script("9990000018", 0x0966), NHS, script("0018", 0x0966)),
    ("mathematical digits", script("9990000018", 0x1D7CE), NHS, script("0018", 0x1D7CE)),
    ("glued to NHS", "NHS9990000018", NHS, "9990000018"),
    ("glued to letters after", "9990000018pt", NHS, "9990000018"),
    ("glued both sides", "ref9990000018x", NHS, "9990000018"),
    ("after NHS no.", "NHS no. 999 000 0018", NHS, "0018"),
    ("in brackets", "(999 000 0018)", NHS, "0018"),
    ("after a bed number", "bed 4 999 000 0018", NHS, "0018"),
    ("second valid number", "9990000026", NHS, "0000026"),
    ("another 999 number", "999 123 4519", NHS, "123 4519"),
    ("check digit zero", "9990000050", NHS, "0000050"),
    # -- the other kinds --------------------------------------------------------
    ("titled name Mrs", "Mrs Patterson in bay 3", "titled_name", "Patterson"),
    ("titled name Mr.", "Mr. Okonkwo-Smith to theatre", "titled_name", "Okonkwo"),
    ("titled name Miss", "Miss Featherstone asked for a chaplain", "titled_name", "Featherstone"),
    ("titled name Mx", "Mx Rowntree", "titled_name", "Rowntree"),
    ("titled name Master", "Master Fenwick, aged 9", "titled_name", "Fenwick"),
    ("titled name Ms with apostrophe", "Ms O'Halloran", "titled_name", "Halloran"),
    ("titled name after a NBSP", f"Mrs{NBSP}Patterson", "titled_name", "Patterson"),
    ("DOB slashes", "DOB 03/07/1941", "date_of_birth", "1941"),
    ("D.O.B. dots", "D.O.B. 3.7.41", "date_of_birth", "3.7.41"),
    ("born short", "born 3.7.41", "date_of_birth", "3.7.41"),
    ("date of birth words", "date of birth 3 July 1941", "date_of_birth", "1941"),
    ("born on words", "born on 12th March 1938", "date_of_birth", "1938"),
    ("old date anywhere", "admitted from home, 14/02/1936", "date_of_birth", "1936"),
    ("old ISO date", "1952-11-30", "date_of_birth", "1952"),
    ("postcode", "lives at LS1 4AB", "postcode", "4AB"),
    ("postcode London", "SW1A 1AA", "postcode", "1AA"),
    ("postcode no space", "M11AE", "postcode", "M11AE"),
    ("mobile", "daughter on 07700 900123", "phone_number", "900123"),
    ("mobile +44", "+44 7700 900456", "phone_number", "900456"),
    ("landline", "0161 496 0000", "phone_number", "496 0000"),
    ("landline brackets", "(0113) 496 0999", "phone_number", "496 0999"),
    ("landline full-width", full_width("020 7946 0018"), "phone_number", full_width("7946")),
    ("NI number", "NI AB123456C", "ni_number", "123456"),
    ("NI number spaced", "JG 10 37 59 A", "ni_number", "37 59"),
    ("email", "family: jo.bloggs@example.org", "email", "bloggs"),
    ("hospital number", "hospital number RX1234567", "hospital_number", "1234567"),
    ("hosp no", "hosp no: 7654321", "hospital_number", "7654321"),
    ("MRN", "MRN 4455667", "hospital_number", "4455667"),
    ("unit number", "unit number A123456", "hospital_number", "123456"),
]
