"""The sample ward's text bank: how a ward team writes things down.

Everything here is fictional. People are a first name and a surname initial;
patients are never named, numbered or dated, only placed in a bay or side
room ("Bay 3", "side room 2") the way a huddle talks about today's risks.

Slots in braces are filled by the builder:

``{bay}`` 1-6, ``{side}`` 1-4, ``{shift}`` early/late/night, ``{n}`` a small
number, ``{time}`` a time of day, ``{day}`` a weekday, ``{drug}`` a common
ward medicine, ``{ref}`` a fictional incident reference such as W23817.
"""

from __future__ import annotations

from dataclasses import dataclass

from huddle.domain import HuddleKind, LearningKind, SafetyCategory, SectionKey

# -- people -----------------------------------------------------------------
FIRST_NAMES = (
    "Priya",
    "Grace",
    "Tomasz",
    "Aisha",
    "Joseph",
    "Chidi",
    "Mei",
    "Fatima",
    "Oliver",
    "Sian",
    "Rhys",
    "Kwame",
    "Maria",
    "Ana",
    "Jenny",
    "Blessing",
    "Niamh",
    "Connor",
    "Sophie",
    "Hannah",
    "Imran",
    "Yusuf",
    "Olu",
    "Ewa",
    "Gemma",
    "Lauren",
    "Daniel",
    "Rebecca",
    "Ama",
    "Funmi",
    "Rosa",
    "Joy",
    "Callum",
    "Leah",
    "Marek",
    "Nisha",
    "Tendai",
    "Ravi",
    "Bethan",
    "Lucy",
    "Samir",
    "Zara",
    "Kofi",
    "Ines",
    "Gareth",
    "Chloe",
    "Anil",
    "Precious",
    "Liam",
    "Ayesha",
    "Dominika",
    "Femi",
    "Harriet",
    "Jamal",
    "Kerry",
    "Lina",
    "Mohammed",
    "Nadia",
    "Owen",
    "Patience",
    "Rui",
    "Sadia",
    "Tariq",
    "Usha",
    "Victor",
    "Wendy",
    "Xin",
    "Yasmin",
    "Adaeze",
    "Bogdan",
    "Carys",
    "Deepa",
    "Esther",
    "Filipa",
    "Gabriel",
    "Hollie",
    "Ifeoma",
    "Jade",
    "Karim",
    "Lowri",
)
SURNAME_INITIALS = "ABCDEFGHJKLMNOPRSTWY"

# (role, how many on the roster, how often they come to a huddle: 0-1)
ROSTER_ROLES: tuple[tuple[str, int, float], ...] = (
    ("Ward Sister", 1, 0.95),
    ("Charge Nurse", 2, 0.8),
    ("Staff Nurse", 7, 0.55),
    ("Nursing Associate", 2, 0.5),
    ("HCA", 5, 0.45),
    ("Student Nurse", 2, 0.5),
    ("Physiotherapist", 1, 0.4),
    ("Occupational Therapist", 1, 0.3),
    ("Pharmacist", 1, 0.35),
    ("Doctor (FY1)", 1, 0.35),
    ("Doctor (Registrar)", 1, 0.2),
    ("Ward Clerk", 1, 0.3),
)
# Roles that lead a huddle.
FACILITATOR_ROLES = ("Ward Sister", "Charge Nurse", "Staff Nurse")

# Owners outside the roster, written as free text.
TEAM_OWNERS = (
    "Pharmacy team",
    "Tissue viability nurse",
    "Infection prevention team",
    "Estates",
    "Practice educator",
    "Discharge coordinator",
    "Falls prevention lead",
    "Dietetics",
    "Patient experience team",
    "Matron",
)

WARD_SITE = "Riverside General Hospital (fictional)"
WARD_SPECIALTY = "Acute medicine for older people"

SHIFTS = ("early", "late", "night")
TIMES = ("02:30", "04:00", "06:15", "07:40", "10:30", "13:15", "16:45", "19:20", "22:10")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DRUGS = (
    "enoxaparin",
    "insulin",
    "co-amoxiclav",
    "furosemide",
    "paracetamol",
    "morphine sulfate oral solution",
    "levetiracetam",
    "apixaban",
)

# -- a huddle's talk ----------------------------------------------------------
RISKS = (
    "Bay {bay}: two patients at high falls risk, enhanced observation in place",
    "Bay {bay}: one patient with NEWS2 of 5, hourly observations, outreach aware",
    "Side room {side}: infection precautions (C. diff), barrier nursing, bay cleaning booked",
    "Side room {side}: norovirus symptoms, stool chart started, IPC informed",
    "Bay {bay}: patient with a category 2 pressure ulcer, 2-hourly repositioning",
    "{n} patients on fluid restriction: fluid balance charts checked at each handover",
    "Staffing: one registered nurse short on the late shift, bank request out",
    "Staffing: two HCAs from the bank on nights, buddy them with regular staff",
    "Bay {bay}: confused patient at risk of leaving the ward, 1:1 in place",
    "Bay {bay}: patient nil by mouth from 07:00 for a procedure this afternoon",
    "{n} discharges planned today: TTOs requested, transport booked for the morning",
    "Time-critical medicines: Parkinson's medicines due at {time}, set a reminder",
    "Bay {bay}: patient on IV insulin, capillary glucose hourly",
    "Bay {bay}: end of life care, family staying overnight, open visiting",
    "Two patients with new delirium: reorientation and sleep plan, family asked to bring glasses",
    "Bed pressures: {n} outliers expected from ED, keep Bay {bay} ready",
    "Bay {bay}: patient with swallowing difficulties, thickened fluids level 2",
    "Hoist in Bay {bay} out of service, borrow the one from the next ward",
    "Resus trolley check due today; oxygen cylinder replaced yesterday",
    "Bay {bay}: patient on anticoagulation after a fall, neuro observations",
)

SECTION_NOTES: dict[SectionKey, tuple[str, ...]] = {
    SectionKey.SAFETY: (
        "Quiet night. No falls. One near miss with a drug chart, shared below.",
        "Fall in Bay {bay} overnight, no harm. Post-falls check done and reported.",
        "Two patients deteriorated on the {shift} shift; both escalated in time.",
        "{harm_days} days since last harm. Well done all.",
        "Sepsis screen done promptly for the patient in Bay {bay}; good catch by the HCA.",
        "Reminder: check lying and standing BP for everyone over 65 on admission.",
        "Pressure areas checked at handover; one new category 1 in Bay {bay}.",
        "Medicines fridge temperature out of range overnight; pharmacy advised, all fine.",
        "Falls risk reviewed for new admissions; sensor mats in use in Bay {bay}.",
        "Staffing tight on the {shift} shift; matron aware, breaks covered.",
    ),
    SectionKey.PATIENT_VOICE: (
        "Family in Bay {bay} said the ward felt calm and welcoming.",
        "A patient said night-time noise kept them awake: more quiet-at-night effort.",
        "Feedback card: 'Nurses always had time to explain.'",
        "Relative asked for clearer updates on discharge plans.",
        "Patient asked for hot drinks earlier in the morning; we can do that.",
        "Two FFT cards this week, both 'very good'.",
        "A carer said they did not know who was looking after their mum; name boards updated.",
        "Nothing new this morning.",
    ),
    SectionKey.ACTIONS: (
        "Went through overdue actions; two moved on, one needs a new owner.",
        "Sensor mats order: still waiting, chase again.",
        "Discharge checklist trial going well, keep going to Friday.",
        "Red tray audit results due next week.",
        "Agreed to close the bedside handover action: it is now how we work.",
        "No progress on the equipment cupboard; raise with estates again.",
        "Updated the PDSA: Bay {bay} results look promising.",
    ),
    SectionKey.IDEAS: (
        "Idea: a 'what matters to me' board by each bed.",
        "Idea: put the falls risk signs at eye level.",
        "Learning from yesterday's near miss: double-check the drug chart at transfer.",
        "Student suggested a huddle card for new starters; let's try it.",
        "Could pharmacy do the TTO check at 10:00 rather than after lunch?",
        "Shared learning from the incident review: escalate a NEWS2 of 5 straight away.",
        "Idea: a quiet-hours sign for the bays from 22:00.",
    ),
    SectionKey.CELEBRATE: (
        "Thank you to the night team for a calm, safe night.",
        "Compliment card for the HCAs: 'kind, patient and funny'.",
        "Well done to the student nurse who spotted the deteriorating patient.",
        "{n} weeks without a fall with harm in Bay {bay}.",
        "Shout-out to the ward clerk for sorting the discharge letters.",
        "Physio team got a patient home a week earlier than planned.",
        "Everyone stayed late to help with an emergency; thank you.",
    ),
    SectionKey.REFLECT: (
        "Good huddle, finished on time.",
        "Ran over by two minutes; keep the safety section tighter.",
        "More of the team spoke up today, which was great.",
        "Start on time tomorrow: set a reminder at 07:55.",
        "Too noisy by the station; try the day room next time.",
        "Short and focused.",
    ),
    SectionKey.CUSTOM: ("Covered.",),
}

WEEKLY_SECTION_NOTES: dict[SectionKey, tuple[str, ...]] = {
    SectionKey.SAFETY: (
        "This week: {n} incidents reported, all no or low harm. Themes: falls and communication.",
        "One moderate-harm incident under review; learning shared without blame.",
        "Days since last harm keep rising; falls bay working well.",
        "Near misses up this week: good, people are reporting.",
    ),
    SectionKey.PATIENT_VOICE: (
        "FFT comments read out; two about noise at night, several about kindness.",
        "Complaint about discharge communication discussed; family meeting offered.",
        "Compliment letter from a family read out; copies on the staff board.",
    ),
    SectionKey.ACTIONS: (
        "Reviewed every open action; reassigned two, closed three.",
        "PDSA review: looked at the run chart together and agreed the next cycle.",
        "Stalled actions discussed; one dropped with a reason recorded.",
        "Measures reviewed on the SPC charts: hand hygiene still improving.",
    ),
    SectionKey.IDEAS: (
        "Three new ideas from the ideas box, two taken forward.",
        "Student nurses presented their mouth care idea.",
        "Agreed to test protected mealtimes on Bay {bay} first.",
    ),
    SectionKey.CELEBRATE: (
        "Excellence report for the night team read out.",
        "Celebrated {n} weeks without a fall with harm.",
        "Thank-you slips handed out for going the extra mile.",
    ),
    SectionKey.REFLECT: (
        "Useful; the charts made the conversation easier.",
        "Too long; keep to 30 minutes next week.",
        "Good mix of the team, including pharmacy and physio.",
    ),
    SectionKey.CUSTOM: ("Covered.",),
}

SECTION_NOTES_BY_KIND = {
    HuddleKind.DAILY_SAFETY: SECTION_NOTES,
    HuddleKind.WEEKLY_IMPROVEMENT: WEEKLY_SECTION_NOTES,
    HuddleKind.OTHER: SECTION_NOTES,
}


# -- the learning log -------------------------------------------------------------
@dataclass(frozen=True)
class Story:
    """One learning item the way a nurse would write it, no blame."""

    kind: LearningKind
    title: str
    what_happened: str
    what_helped: str = ""
    what_learned: str = ""
    what_change: str = ""
    category: SafetyCategory | None = None
    themes: tuple[str, ...] = ()
    can_harm: bool = False  # can this be written up with a harm grade above none
    always_harm: bool = False  # only ever written up with harm (pressure damage)


FALLS = "Falls"
PRESSURE = "Pressure care"
MEDICATION = "Medication"
COMMUNICATION = "Communication"
DISCHARGE = "Discharge"
NUTRITION = "Nutrition and hydration"
INFECTION = "Infection prevention"
STAFFING = "Staffing"
DETERIORATION = "Deterioration"
TEAMWORK = "Teamwork"
DIGNITY = "Dignity"
FAMILY = "Family involvement"
HANDOVER = "Handover"
DELIRIUM = "Delirium"
EQUIPMENT = "Equipment"
END_OF_LIFE = "End of life care"
EXPERIENCE = "Patient experience"

IN, NM, C = LearningKind.INCIDENT, LearningKind.NEAR_MISS, LearningKind.COMPLAINT
CO, PF, EX, OT = (
    LearningKind.COMPLIMENT,
    LearningKind.PATIENT_FEEDBACK,
    LearningKind.EXCELLENCE,
    LearningKind.OTHER,
)
SC = SafetyCategory

STORIES: tuple[Story, ...] = (
    # incidents
    Story(
        IN,
        "Unwitnessed fall in Bay {bay} on the {shift} shift",
        "Patient found sitting on the floor beside the bed at {time}. They had tried to walk "
        "to the toilet without their frame. Call bell was out of reach.",
        "Post-falls protocol followed: checked for injury, neuro observations started, "
        "doctor reviewed, family informed.",
        "Call bells and walking aids drift out of reach during care; nobody checks after.",
        "Add 'bell and frame in reach' to every intentional rounding check.",
        SC.FALLS,
        (FALLS,),
        True,
    ),
    Story(
        IN,
        "Fall while mobilising to the bathroom, Bay {bay}",
        "Patient slipped in the bathroom at {time} on the {shift} shift. Non-slip socks "
        "were not on. Staff were with another patient in the bay.",
        "HCA heard the call and came straight away; post-falls check and medical review done.",
        "Toileting needs at night are predictable; we can offer help before people try alone.",
        "Offer toileting on every night round for patients at high falls risk.",
        SC.FALLS,
        (FALLS, STAFFING),
        True,
    ),
    Story(
        IN,
        "New category 2 pressure ulcer found on the sacrum",
        "Category 2 pressure damage noticed at the {shift} shift skin check in Bay {bay}. "
        "Repositioning chart had gaps overnight during a busy shift.",
        "Tissue viability nurse reviewed the same day; air mattress in place within two hours.",
        "Repositioning slips when the ward is busy; the SSKIN chart is easy to miss.",
        "Put repositioning times on the handover sheet and check them at the safety huddle.",
        SC.PRESSURE_ULCERS,
        (PRESSURE,),
        True,
        always_harm=True,
    ),
    Story(
        IN,
        "Heel pressure damage under an anti-embolism stocking",
        "Category 2 damage to a heel found when the stocking was removed on the {shift} shift. "
        "Stocking size had not been re-measured after the leg swelling went down.",
        "Stockings removed, heel offloaded, tissue viability advice followed.",
        "Stocking fit changes as swelling changes; re-measuring is not in our routine.",
        "Re-measure stockings every three days and record it on the skin bundle.",
        SC.PRESSURE_ULCERS,
        (PRESSURE, EQUIPMENT),
        True,
        always_harm=True,
    ),
    Story(
        IN,
        "Time-critical Parkinson's medicine given late",
        "The {time} dose of a Parkinson's medicine was given 90 minutes late while the nurse "
        "was helping with an emergency in Bay {bay}.",
        "Patient was reviewed and no harm was found. Pharmacist supported the team straight away.",
        "Time-critical doses need a second person to pick them up when the nurse is tied up.",
        "Time-critical medicines go on the huddle board so anyone can see what is due.",
        SC.MEDICATION,
        (MEDICATION,),
        True,
    ),
    Story(
        IN,
        "Dose of {drug} omitted overnight",
        "A dose of {drug} was not given on the night shift. The drug chart had been rewritten "
        "and the new chart was not in the folder.",
        "Spotted by the day nurse at the morning medicines round; doctor reviewed, dose given.",
        "Rewritten charts can get separated from the folder; omissions are easy to miss.",
        "Check for omitted doses at the morning safety huddle using the e-chart report.",
        SC.MEDICATION,
        (MEDICATION, HANDOVER),
        True,
    ),
    Story(
        IN,
        "Delayed escalation of a rising NEWS2 score",
        "Patient in Bay {bay} scored NEWS2 of 6 at {time}; the doctor was bleeped but the "
        "response was delayed because the bleep number on the board was out of date.",
        "Nurse in charge escalated to the registrar directly; patient treated for sepsis.",
        "Out-of-date contact numbers slow escalation when it matters most.",
        "Check the escalation numbers on the board every morning at the huddle.",
        SC.DETERIORATION,
        (DETERIORATION, COMMUNICATION),
        True,
    ),
    Story(
        IN,
        "Cannula left in longer than 72 hours",
        "A peripheral cannula was found in place for four days with no VIP score recorded.",
        "Removed and site checked; no signs of infection.",
        "Cannula checks drop off when patients move bays.",
        "VIP score on the transfer checklist and at each handover.",
        SC.INFECTION,
        (INFECTION, HANDOVER),
    ),
    Story(
        IN,
        "Patient discharged without their own medicines from home",
        "Patient's own medicines were left in the bedside locker after discharge.",
        "Ward clerk phoned the family, who collected them the same day.",
        "Bedside lockers are not part of our discharge check.",
        "Add 'locker emptied' to the discharge checklist.",
        SC.MEDICATION,
        (DISCHARGE, MEDICATION),
    ),
    Story(
        IN,
        "Skin tear during a hoist transfer",
        "Small skin tear on the forearm during a hoist transfer in Bay {bay}. The sling was the "
        "wrong size.",
        "Dressed with the right product; reviewed by the nurse in charge.",
        "The right sling size is not always to hand on the {shift} shift.",
        "Label slings by size and keep one of each in every bay.",
        SC.OTHER,
        (EQUIPMENT,),
        True,
    ),
    # near misses
    Story(
        NM,
        "Wrong patient's drug chart picked up on the medicines round",
        "On the {shift} medicines round the nurse picked up the chart for the next bed. The "
        "two-identifier check with the wristband stopped the dose being given.",
        "The identity check worked exactly as it should.",
        "Charts left on the wrong table are a real risk at busy times.",
        "Keep each chart at its own bed and return it there after every round.",
        SC.MEDICATION,
        (MEDICATION,),
    ),
    Story(
        NM,
        "Allergy not on the drug chart, spotted before the dose",
        "A penicillin allergy was recorded in the notes but not on the drug chart. The pharmacist "
        "spotted it before co-amoxiclav was given.",
        "Great catch by pharmacy; chart corrected and team told.",
        "Allergy status can differ between the notes and the chart.",
        "Confirm allergies with the patient at admission and at each new prescription.",
        SC.MEDICATION,
        (MEDICATION, COMMUNICATION),
    ),
    Story(
        NM,
        "Bed rails raised for a patient assessed as unsafe for them",
        "A student noticed bed rails up for a patient whose assessment said they were unsafe "
        "(risk of climbing over). Rails lowered, low bed and sensor mat used instead.",
        "Student spoke up straight away; the nurse thanked them.",
        "Assessments are not always visible at the bedside.",
        "Bed rail decision on the bedside 'about me' sheet.",
        SC.FALLS,
        (FALLS, TEAMWORK),
    ),
    Story(
        NM,
        "Oxygen cylinder nearly empty during a transfer",
        "During a transfer to X-ray the portable oxygen cylinder was found almost empty.",
        "Porter noticed and swapped it before leaving the ward.",
        "Nobody owns checking portable cylinders before a transfer.",
        "Cylinder check on the transfer checklist.",
        SC.OTHER,
        (EQUIPMENT,),
    ),
    Story(
        NM,
        "Insulin dose nearly given twice at handover",
        "At the {shift} handover the insulin dose had been given but not signed. The next nurse "
        "checked with the patient and the previous nurse before giving it.",
        "Asking the patient and the colleague prevented a double dose.",
        "Signing straight after giving is the only safe habit.",
        "Reminder in the huddle; pharmacy poster at the insulin fridge.",
        SC.MEDICATION,
        (MEDICATION, HANDOVER),
    ),
    Story(
        NM,
        "Thickened fluids nearly given at the wrong level",
        "A new HCA almost gave a level 0 drink to a patient on level 2 thickened fluids.",
        "The patient's family pointed out the sign above the bed.",
        "New staff and bank staff may not know the IDDSI levels.",
        "IDDSI guide on the drinks trolley and in the new starter pack.",
        SC.OTHER,
        (NUTRITION,),
    ),
    # complaints
    Story(
        C,
        "Family not kept updated about discharge plans",
        "A family told us they heard about the discharge date only the day before and felt "
        "unprepared to care for their relative at home.",
        "The nurse in charge met the family, apologised and went through the plan together.",
        "We talk about discharge early among ourselves but not always with families.",
        "Start discharge conversations with families within 48 hours of admission.",
        None,
        (DISCHARGE, COMMUNICATION, FAMILY),
    ),
    Story(
        C,
        "Call bell not answered quickly at night",
        "A patient told us they waited a long time for help to the toilet on the night shift and "
        "felt embarrassed.",
        "We apologised and talked through what happened that night (two emergencies).",
        "When the night is busy, nobody tells waiting patients how long they may wait.",
        "Let patients know when we are delayed and come back when we said we would.",
        None,
        (DIGNITY, STAFFING),
    ),
    Story(
        C,
        "Lost hearing aid",
        "A patient's hearing aid went missing after a bay move.",
        "Ward clerk arranged a replacement through audiology; we apologised.",
        "Small belongings are not always moved with patients between bays.",
        "Property bag and checklist for every bay or ward move.",
        None,
        (DIGNITY, EXPERIENCE),
    ),
    Story(
        C,
        "Meals left out of reach",
        "A relative found their dad's lunch tray left on the table out of his reach.",
        "Apology given; the patient had a hot meal brought up.",
        "Patients who need help are not always obvious at mealtimes.",
        "Red trays for anyone needing help, and protected mealtimes.",
        None,
        (NUTRITION, DIGNITY),
    ),
    Story(
        C,
        "Noise at night on Bay {bay}",
        "Two patients said the bay was too noisy at night: alarms, phones and conversations.",
        "We apologised, offered eye masks and ear plugs.",
        "We are not aware how much noise we make at night.",
        "Quiet-at-night routine from 23:00, lights dimmed and phones on silent.",
        None,
        (EXPERIENCE,),
    ),
    # compliments
    Story(
        CO,
        "Thank-you card for the night team",
        "A family wrote to thank the night team for the care and kindness shown to their mum, "
        "and for the cups of tea at 3am.",
        what_learned="Small kindnesses are remembered long after the stay.",
        themes=(TEAMWORK, FAMILY),
    ),
    Story(
        CO,
        "Compliment for the physiotherapy team",
        "A patient thanked physio for getting them walking again and home in time for a "
        "grandchild's birthday.",
        what_learned="Goals that matter to the patient motivate everyone.",
        themes=(DISCHARGE, TEAMWORK),
    ),
    Story(
        CO,
        "Card praising the HCAs on Bay {bay}",
        "'Kind, patient and always cheerful', says a card left at the nurses' station.",
        what_learned="Personal care done with dignity makes a huge difference.",
        themes=(DIGNITY,),
    ),
    Story(
        CO,
        "Letter thanking the team for end of life care",
        "A family wrote to say how supported they felt in their relative's last days, "
        "especially with open visiting and a quiet side room.",
        what_learned="Open visiting and a calm space matter to families at the end of life.",
        themes=(END_OF_LIFE, FAMILY),
    ),
    Story(
        CO,
        "Chocolates and a card from a patient going home",
        "'You made a scary time feel safe.'",
        what_learned="Explaining what we are doing reduces fear.",
        themes=(COMMUNICATION,),
    ),
    Story(
        CO,
        "Compliment for the ward clerk",
        "A relative praised the ward clerk for always answering the phone kindly and finding "
        "the right person to talk to.",
        what_learned="The first voice families hear shapes how they feel about the ward.",
        themes=(COMMUNICATION, FAMILY),
    ),
    # patient feedback
    Story(
        PF,
        "FFT comment: would like more information about medicines",
        "Friends and Family Test card: 'Staff were lovely but nobody explained my new tablets.'",
        what_learned="Patients want to understand their medicines before they go home.",
        what_change="Pharmacist or nurse to go through new medicines before discharge.",
        themes=(MEDICATION, DISCHARGE, COMMUNICATION),
    ),
    Story(
        PF,
        "Feedback: food was cold by the time it reached the bay",
        "Two patients in Bay {bay} said meals were lukewarm.",
        what_learned="The trolley waits while staff finish tasks at mealtimes.",
        what_change="Protected mealtimes: all hands to serve meals when the trolley arrives.",
        themes=(NUTRITION, EXPERIENCE),
    ),
    Story(
        PF,
        "Feedback: not sure who my nurse was",
        "A patient said they were not sure which nurse was looking after them each shift.",
        what_learned="Introductions get lost when we are busy.",
        what_change="Name boards at every bed updated at handover; 'Hello, my name is'.",
        themes=(COMMUNICATION, EXPERIENCE),
    ),
    Story(
        PF,
        "Feedback: visiting times hard for working families",
        "Relatives asked whether visiting could start earlier for those who work shifts.",
        what_learned="Fixed visiting suits us more than families.",
        what_change="Trial flexible visiting with a protected rest time after lunch.",
        themes=(FAMILY, EXPERIENCE),
    ),
    Story(
        PF,
        "FFT comment: 'Felt listened to'",
        "Friends and Family Test: 'Every nurse took time to listen to my worries.'",
        what_learned="Time to listen is noticed and valued.",
        themes=(COMMUNICATION, EXPERIENCE),
    ),
    Story(
        PF,
        "Feedback: waiting for discharge medicines",
        "A patient said they waited most of the day for their take-home medicines.",
        what_learned="TTOs written late in the day delay going home.",
        what_change="Write TTOs the day before planned discharge.",
        themes=(DISCHARGE, MEDICATION),
    ),
    # excellence
    Story(
        EX,
        "Student nurse spotted early sepsis",
        "A student nurse noticed a patient in Bay {bay} was more confused than the day before and "
        "checked observations: NEWS2 of 5. Sepsis screen positive, treated within the hour.",
        "Confidence to speak up and a team that listens.",
        "Soft signs such as new confusion are worth acting on.",
        "Share the story at the student induction.",
        SC.DETERIORATION,
        (DETERIORATION, TEAMWORK),
    ),
    Story(
        EX,
        "Smooth discharge of a patient with complex needs",
        "A patient with complex care needs went home on the planned day, with the care package, "
        "equipment and medicines all ready.",
        "Discharge coordinator, OT and the nurse in charge met early in the week.",
        "Planning from day one works.",
        "Use the same early planning meeting for every complex discharge.",
        None,
        (DISCHARGE, TEAMWORK),
    ),
    Story(
        EX,
        "Great teamwork during an emergency in Bay {bay}",
        "During a cardiac arrest the team worked calmly; roles were clear and relatives were "
        "cared for in the day room.",
        "Regular simulation training and clear leadership.",
        "Practising together makes the real thing calmer.",
        "Keep monthly ward-based simulation.",
        SC.DETERIORATION,
        (TEAMWORK, DETERIORATION),
    ),
    Story(
        EX,
        "Delirium care that made a difference",
        "An HCA learned what calmed a patient with delirium (music and a photo of their dog) and "
        "shared it at handover; the patient settled without sedation.",
        "Knowing the person, and sharing it.",
        "'What matters to me' information reduces distress.",
        "Add a 'what calms me' line to the bedside board.",
        None,
        (DELIRIUM, DIGNITY),
    ),
    Story(
        EX,
        "No falls in Bay {bay} for a month",
        "The falls bay has gone a full month without a fall since the cohort and enhanced "
        "observation started.",
        "Consistent rounding and the team owning the bay together.",
        "The change is working; keep it going.",
        "Share with the other wards at the falls group.",
        SC.FALLS,
        (FALLS, TEAMWORK),
    ),
    Story(
        EX,
        "Pharmacist-led medicines teaching before discharge",
        "The ward pharmacist ran short medicines sessions at the bedside for patients going home.",
        "Pharmacy time protected on discharge days.",
        "Patients leave more confident about their tablets.",
        "Keep the sessions on the weekly plan.",
        SC.MEDICATION,
        (MEDICATION, DISCHARGE),
    ),
    # other
    Story(
        OT,
        "Equipment cupboard reorganised",
        "The equipment cupboard was reorganised with labelled shelves so things can be found at "
        "night.",
        what_learned="Finding equipment quickly saves time on every shift.",
        themes=(EQUIPMENT,),
    ),
    Story(
        OT,
        "Fire evacuation drill",
        "Ward fire drill on the {shift} shift; evacuation routes walked through with new staff.",
        what_learned="Some new staff did not know where the ski sheets were kept.",
        what_change="Add ski sheet locations to the induction walk-round.",
        themes=(STAFFING,),
    ),
    Story(
        OT,
        "Bank staff induction gaps",
        "Bank staff on the {shift} shift said they had no ward orientation.",
        what_learned="A short written orientation would help.",
        what_change="One-page ward orientation for bank and agency staff.",
        themes=(STAFFING, HANDOVER),
    ),
    Story(
        OT,
        "Huddle moved to the day room",
        "The team trialled holding the huddle in the day room to reduce noise at the station.",
        what_learned="Fewer interruptions and more people spoke up.",
        themes=(TEAMWORK,),
    ),
)


# -- improvement actions -----------------------------------------------------------
@dataclass(frozen=True)
class Idea:
    """An improvement action or idea the team might take on."""

    title: str
    detail: str
    themes: tuple[str, ...]
    owner_role: str = ""  # a roster role to own it, else a free-text team
    owner_team: str = ""
    closing: str = "Done and embedded in our routine."
    progress: tuple[str, ...] = ()


IDEAS: tuple[Idea, ...] = (
    Idea(
        "Falls-risk signs at eye level above beds",
        "Move the falls risk symbols so anyone entering the bay can see them.",
        (FALLS,),
        owner_role="HCA",
        closing="Signs moved in all bays; staff say they notice them more.",
        progress=("Signs printed.", "Half the bays done; estates to fix brackets."),
    ),
    Idea(
        "Toileting offer on the night rounds for high falls risk",
        "Offer help to the toilet on every night round to patients at high falls risk.",
        (FALLS, DIGNITY),
        owner_role="Charge Nurse",
        closing="Now part of night rounding; falls at night down on the chart.",
        progress=("Discussed with night staff.", "Added to the rounding sheet."),
    ),
    Idea(
        "Sensor mats for Bay {bay}",
        "Order two more sensor mats for patients at high risk of falling.",
        (FALLS, EQUIPMENT),
        owner_team="Falls prevention lead",
        closing="Two sensor mats delivered and in use.",
        progress=("Business case written.", "Approved; awaiting delivery."),
    ),
    Idea(
        "SSKIN bundle on the handover sheet",
        "Add repositioning times and skin checks to the handover sheet.",
        (PRESSURE, HANDOVER),
        owner_role="Staff Nurse",
        closing="Handover sheet updated and in use on all shifts.",
        progress=("Draft sheet shared for comments.", "Trial on the {shift} shift."),
    ),
    Idea(
        "Tissue viability teaching session",
        "Ask the tissue viability nurse for a 20-minute teaching session at handover.",
        (PRESSURE,),
        owner_team="Tissue viability nurse",
        closing="Two sessions held; 14 staff attended.",
        progress=("Date agreed.",),
    ),
    Idea(
        "Time-critical medicines on the huddle board",
        "List time-critical medicines due each day so anyone can pick them up.",
        (MEDICATION,),
        owner_role="Pharmacist",
        closing="Board in use; late time-critical doses down.",
        progress=("Board design agreed with pharmacy.", "Trial started on the early shift."),
    ),
    Idea(
        "Omitted doses check at the morning huddle",
        "Use the e-chart report to check omitted doses every morning.",
        (MEDICATION, HANDOVER),
        owner_team="Pharmacy team",
        closing="Daily check embedded; omissions reviewed every morning.",
        progress=("Report access sorted.", "Trial for two weeks."),
    ),
    Idea(
        "Escalation numbers checked daily",
        "Check the bleep and escalation numbers on the board at every safety huddle.",
        (DETERIORATION, COMMUNICATION),
        owner_role="Ward Clerk",
        closing="Numbers checked daily by the ward clerk; added to the huddle agenda.",
    ),
    Idea(
        "Discharge conversations within 48 hours",
        "Talk with patients and families about discharge plans within 48 hours of admission.",
        (DISCHARGE, FAMILY, COMMUNICATION),
        owner_team="Discharge coordinator",
        closing="Discharge plan leaflet and early conversation now standard.",
        progress=("Leaflet drafted.", "Shared with the patient panel for comment."),
    ),
    Idea(
        "TTOs written the day before discharge",
        "Ask the medical team to write TTOs the day before a planned discharge.",
        (DISCHARGE, MEDICATION),
        owner_role="Doctor (Registrar)",
        closing="Most planned discharges now have TTOs ready the day before.",
        progress=("Agreed at the consultants' meeting.", "Audit of two weeks underway."),
    ),
    Idea(
        "Red trays and protected mealtimes",
        "Red trays for patients who need help; no routine tasks at mealtimes.",
        (NUTRITION, DIGNITY),
        owner_role="Nursing Associate",
        closing="Protected mealtimes in place; red tray audit 92% correct.",
        progress=("Red trays ordered.", "Posters up; audit planned."),
    ),
    Idea(
        "Quiet-at-night routine",
        "Dim lights, phones on silent and quiet voices from 23:00.",
        (EXPERIENCE,),
        owner_role="Staff Nurse",
        closing="Quiet-at-night routine in place; fewer noise comments on FFT.",
        progress=("Eye masks and ear plugs stocked.",),
    ),
    Idea(
        "Name boards updated at every handover",
        "Make sure every patient knows who their nurse and HCA are each shift.",
        (COMMUNICATION, EXPERIENCE),
        owner_role="HCA",
        closing="Boards updated at each handover; spot checks show 95% correct.",
    ),
    Idea(
        "Property checklist for bay moves",
        "Use a property bag and checklist whenever a patient moves bay or ward.",
        (DIGNITY, EXPERIENCE),
        owner_role="HCA",
        closing="Property checklist in use for all moves.",
    ),
    Idea(
        "One-page orientation for bank and agency staff",
        "A short written guide to the ward: layout, escalation, key routines.",
        (STAFFING, HANDOVER),
        owner_team="Practice educator",
        closing="Orientation sheet laminated at the station and given to every bank shift.",
        progress=("First draft written.", "Feedback from bank staff included."),
    ),
    Idea(
        "Hand gel at every bay entrance",
        "Gel dispensers at each bay entrance and a weekly peer hand hygiene audit.",
        (INFECTION,),
        owner_team="Infection prevention team",
        closing="Dispensers fitted; weekly audits continue.",
    ),
    Idea(
        "VIP score on the transfer checklist",
        "Add the cannula VIP score to the transfer and handover checklists.",
        (INFECTION, HANDOVER),
        owner_role="Staff Nurse",
        closing="Checklists updated.",
    ),
    Idea(
        "'What matters to me' board by each bed",
        "A small board for what matters to each patient, including what calms them.",
        (DELIRIUM, DIGNITY, EXPERIENCE),
        owner_role="Occupational Therapist",
        closing="Boards at every bed and used at handover.",
        progress=("Boards ordered.", "Trial in Bay {bay}."),
    ),
    Idea(
        "Monthly ward-based simulation",
        "Run a 20-minute deterioration simulation on the ward every month.",
        (DETERIORATION, TEAMWORK),
        owner_team="Practice educator",
        closing="Simulation on the monthly plan; each session debriefed.",
    ),
    Idea(
        "Sling sizes labelled in each bay",
        "Label slings by size and keep one of each size in each bay.",
        (EQUIPMENT,),
        owner_role="Physiotherapist",
        closing="Slings labelled and stocked.",
    ),
    Idea(
        "Flexible visiting with protected rest after lunch",
        "Trial open visiting with a quiet rest hour after lunch.",
        (FAMILY, EXPERIENCE),
        owner_role="Ward Sister",
        closing="Flexible visiting adopted after positive feedback.",
        progress=("Agreed with matron.", "Posters for families up."),
    ),
    Idea(
        "New starter huddle card",
        "A pocket card explaining the huddle and how to raise a concern.",
        (TEAMWORK, STAFFING),
        owner_role="Student Nurse",
        closing="Cards printed and in the induction pack.",
    ),
    Idea(
        "Medicines teaching before discharge",
        "Pharmacist or nurse goes through new medicines with patients before they go home.",
        (MEDICATION, DISCHARGE),
        owner_team="Pharmacy team",
        closing="Teaching offered to every patient with new medicines.",
    ),
    Idea(
        "Mouth care champions",
        "Two mouth care champions to check supplies and teach new staff.",
        (NUTRITION, DIGNITY),
        owner_role="Nursing Associate",
        closing="Champions in place; mouth care packs in every bay.",
    ),
)

PROGRESS_NOTES = (
    "Discussed at the huddle; still on track.",
    "Chased by email; waiting for a reply.",
    "Spoke with {team}; they will help.",
    "Started on Bay {bay} first.",
    "Team feedback positive so far.",
    "Needs a bit more time; due date still realistic.",
    "Quick audit done: improving.",
    "Shared at the weekly improvement huddle.",
    "Owner on leave; picked up again this week.",
)
STALL_NOTES = (
    "Waiting for estates; no date yet.",
    "On hold: staffing too tight to release anyone.",
    "Waiting for funding approval.",
    "Stuck: supplier cannot deliver until next quarter.",
    "Paused while the ward was closed to admissions.",
)
RESTART_NOTES = (
    "Back on track now that staffing has improved.",
    "Estates have a date; picking this up again.",
    "Funding agreed; restarted.",
)
DROP_REASONS = (
    "Trust-wide policy now covers this, so no ward change is needed.",
    "Tried it; it added work without helping patients. Learning shared.",
    "Superseded by the new discharge lounge process.",
    "Not possible with the current ward layout; idea passed to the redesign group.",
    "Duplicate of another action; merged.",
)
IDEA_REVIEW_REASONS = (
    "Reviewed at the weekly huddle: a good idea, but not one we can take on now. Kept in the "
    "ideas box.",
    "Reviewed at the weekly huddle: already covered by another action.",
)
STALLED_REVIEW_REASONS = (
    "Stalled for too long; reviewed at the weekly huddle and closed. Raised with matron instead.",
    "Closed at the weekly review: the problem has not come back since.",
)
PLANNED_NOTES = (
    "Agreed at the weekly huddle; owner and date set.",
    "Taken on; owner will report back at the huddle.",
)
START_NOTES = (
    "Started this week.",
    "Work begun; first steps done.",
)


# -- PDSA cycles ----------------------------------------------------------------
@dataclass(frozen=True)
class Cycle:
    plan: str
    prediction: str
    do: str
    study: str


@dataclass(frozen=True)
class Project:
    """An improvement project tested with PDSA cycles."""

    idea: Idea
    cycles: tuple[Cycle, ...]
    closing: str
    drop_reason: str = ""


FALLS_PROJECT = Project(
    Idea(
        "Reduce falls: cohort bay with enhanced observation",
        "Falls are our most common incident. Test a falls-risk cohort in Bay 3 with a member of "
        "staff always present, 'call don't fall' signs and toileting on every round.",
        (FALLS,),
        owner_role="Charge Nurse",
    ),
    (
        Cycle(
            "Cohort up to four patients at high falls risk in Bay 3 for two weeks, with an HCA "
            "always present in the bay during the day.",
            "Falls in Bay 3 will halve, and staff will find the cohort workable.",
            "Ran for two weeks. The bay was staffed in the day but not always at night.",
            "Day-time falls fell; two falls happened at night when the bay was left.",
        ),
        Cycle(
            "Keep the cohort and extend bay presence to nights, with toileting offered on every "
            "night round.",
            "Night falls will drop too; total falls per 1,000 bed days below 5.",
            "Ran for four weeks, nights included. Bay presence kept on all but two shifts.",
            "Falls rate well below the old mean for six weeks running; staff want to keep it.",
        ),
    ),
    "Cohort bay with enhanced observation adopted; falls rate sustained lower on the chart.",
)

HAND_HYGIENE_PROJECT = Project(
    Idea(
        "Improve hand hygiene: gel at every bay entrance and peer audit",
        "Hand hygiene compliance has hovered below the 95% standard. Test gel at every bay "
        "entrance, a weekly peer audit and feedback at the huddle.",
        (INFECTION,),
        owner_team="Infection prevention team",
    ),
    (
        Cycle(
            "Fit gel dispensers at every bay entrance, run a weekly peer audit and read the "
            "result out at Monday's huddle.",
            "Compliance will rise above 95% within two months.",
            "Dispensers fitted in week one; audits done every week by two champions.",
            "Compliance rose every week for two months and has stayed above 95%.",
        ),
    ),
    "Adopted: dispensers and weekly peer audit continue; results shared at the huddle.",
)

ABANDON_PROJECT = Project(
    Idea(
        "Bedside lockers for self-administered medicines",
        "Let suitable patients keep and take their own medicines from a locked bedside locker.",
        (MEDICATION,),
        owner_role="Pharmacist",
    ),
    (
        Cycle(
            "Offer self-administration to three suitable patients in Bay 2 for one week.",
            "Patients will feel more in control and doses will be on time.",
            "Only one patient was suitable; locker keys went missing twice.",
            "Too few suitable patients and the keys were unworkable; no benefit seen.",
        ),
    ),
    "",
    "Abandoned after one cycle: the locker keys were unworkable on this ward. "
    "Pharmacy will revisit with digital locks.",
)

# Shorter projects used for the rest of the ward's history.
PROJECTS: tuple[Project, ...] = (
    Project(
        IDEAS[10],
        (
            Cycle(
                "Protected mealtimes on Bay {bay} for one week, red trays for anyone needing help.",
                "Fewer meals left untouched; patients needing help get it within 10 minutes.",
                "Ran the week; two mealtimes interrupted by ward rounds.",
                "Meals eaten improved; ward rounds still clash with lunch.",
            ),
            Cycle(
                "Extend to all bays and ask the medical team to avoid 12:00-13:00.",
                "Mealtime interruptions will halve.",
                "Ran for two weeks with medical team agreement.",
                "Interruptions down; red tray audit 92% correct.",
            ),
        ),
        "Protected mealtimes adopted ward-wide.",
    ),
    Project(
        IDEAS[5],
        (
            Cycle(
                "List time-critical medicines on the board on the early shift for a week.",
                "No time-critical dose more than 30 minutes late.",
                "Board filled in on five of seven days.",
                "One late dose, on the day the board was not filled in.",
            ),
        ),
        "Adopted: board filled in every shift.",
    ),
    Project(
        IDEAS[8],
        (
            Cycle(
                "Discharge conversation within 48 hours for every admission to Bay {bay}.",
                "Families will feel better prepared; fewer late discharges.",
                "Conversations held for most admissions; hard at weekends.",
                "Families said they felt prepared; weekend admissions missed out.",
            ),
            Cycle(
                "Add weekend cover by the nurse in charge.",
                "Weekend admissions will also get the conversation.",
                "Ran for three weekends.",
                "Still patchy at weekends but better.",
            ),
        ),
        "Adopted with weekend cover by the nurse in charge.",
    ),
    Project(
        IDEAS[17],
        (
            Cycle(
                "'What matters to me' boards in Bay {bay} for two weeks.",
                "Staff will use them at handover and patients with delirium will settle better.",
                "Boards filled in for most patients; used at handover half the time.",
                "Helpful when used; needs a prompt on the handover sheet.",
            ),
        ),
        "Adopted with a handover prompt.",
    ),
    Project(
        Idea(
            "Nurse-led discharge checklist at 10:00",
            "A nurse-led checklist at 10:00 to have patients ready to leave before lunch.",
            (DISCHARGE,),
            owner_role="Staff Nurse",
        ),
        (
            Cycle(
                "Use the 10:00 checklist for every planned discharge for one week.",
                "Half of planned discharges will leave before 12:00.",
                "Checklist used, but transport and TTOs were the real delays.",
                "No change in discharge times; the delays are outside the ward.",
            ),
        ),
        "",
        "Abandoned: the delays were transport and TTOs, not ward readiness. "
        "TTO action taken on instead.",
    ),
)

# -- measures ------------------------------------------------------------------------
FALLS_NAME = "Falls per 1,000 bed days"
PRESSURE_NAME = "Pressure ulcers (category 2+)"
HAND_HYGIENE_NAME = "Hand hygiene compliance"
FFT_NAME = "Friends and Family Test: % recommend"

FALLS_NOTES = (
    "High acuity week; several patients with delirium.",
    "Bay closed for two days (norovirus).",
    "Two falls in one night, both no harm.",
)
HAND_HYGIENE_OUTLIER_NOTE = "Bays closed for infection; many agency staff this week."
FFT_NOTES = ("Low return rate this month.", "Comments mostly about noise at night.")
HISTORY_NOTE = "Entered from the ward quality dashboard."

HAND_HYGIENE_REBASE_REASON = (
    "Gel at every bed space is now standard: limits recalculated for the new level"
)
SAFETY_CROSS_NAME = "Harm from incidents (safety cross)"
SAFETY_CROSS_DESCRIPTION = (
    "One square a day, coloured in at the morning huddle: green for no incident with "
    "harm, red for a day with harm."
)
