"""One card per application received: what a careful officer notes about each email.

Facts, not prose: each card holds codes and values; the view, the workbook, the minutes
and the replies put them into words. The same checks as the applicant's side are used:
the signed letter (dossier.signing.check_letter), the call's eligibility rules, the ISTAT
list and the English check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from dossier.calls import Annex, Call
from dossier.checks import population
from dossier.documents import letter_fingerprint_of
from dossier.drafts import DraftError, from_json
from dossier.eligibility import eligibility_findings, lead_municipality
from dossier.english import EnglishChecker
from dossier.english.checker import NOT_CHECKED, SentenceResult
from dossier.fingerprint import answers_fingerprint
from dossier.free_texts import dossier_texts
from dossier.models import CEFR_LEVELS, Dossier
from dossier.municipalities import Comune, find, fold
from dossier.signing import Verdict, check_letter

from .mailbox import File, Received
from .signatory import signatory_in
from .texts import docx_text, pdf_text

# A .p7m around a Word file (common in Italy) or around another envelope: this app checks
# PDF letters only; the signature may be valid all the same.
NOT_VERIFIED_HERE = {"p7m_docx", "p7m_not_pdf", "double_envelope"}
EXCLUDING = (
    "late",
    "no_time",
    "missing_annex",
    "no_letter",
    "id_missing",
    "letter_refused",
    "hand_signature_refused",
    "ineligible",
    "replaced",
    "part_of",
)
# The identity document that goes with a letter signed on paper, by its file's name (the
# wizard's "Identity_document_<name>", or as the clerk named it).
IDENTITY_WORDS = (
    "identity",
    "identita",
    "identity card",
    "id card",
    "id",
    "ci",
    "cie",
    "carta identita",
    "documento identita",
    "documento riconoscimento",
    "riconoscimento",
    "passport",
    "passaporto",
    "patente",
)


@dataclass
class Card:
    key: str  # short and stable: the email's digest
    source: str
    sender: str
    sender_name: str
    subject: str
    received_at: datetime | None
    time_from: str  # "pec" (daticert.xml), "server" (Received header) or "date" (the sender's Date)
    pec: bool
    files: list[tuple[str, int]]  # name, size
    notes: list[str]  # what the import could not read (codes)
    applicant: str = ""
    municipality: Comune | None = None
    made_with: str = "hand"  # "wizard": its answers file came with it
    answers: Dossier | None = None
    answers_problem: str = ""  # "invalid" answers file, or "mismatch" with the signed letter
    on_time: bool | None = None
    annexes: dict[str, str] = field(default_factory=dict)  # annex id: the file found, "" if none
    # "accepted", "signer_mismatch", "by_hand" (a scan signed on paper: the officer checks it),
    # "not_checked", "unsigned", "refused", "unusable", "none"
    letter: str = ""
    signatory: str = ""  # the name the letter's text gives (a hand-made letter), "" if none found
    identity: str = ""  # the file taken for the identity document of a letter signed by hand
    hand_check: bool | None = None  # the officer's "signature checked by hand" (from the evaluation)
    verdict: Verdict | None = None
    eligible: bool | None = None  # None: cannot be told from what came
    eligibility_notes: list[str] = field(default_factory=list)
    kind: str = ""  # "municipality" or "union"
    population: int | None = None
    foreign_share: float | None = None
    size: str | None = None
    english_level: str = ""
    community: str = ""
    action_plan: bool | None = None
    texts: dict[str, str] = field(default_factory=dict)  # the needs analysis: question id (or "text"): text
    not_english: list[tuple[str, str, str]] = field(default_factory=list)  # (where, sentence, language)
    english_checked: int = 0  # sentences read as English
    english_unchecked: bool = False  # past the check's budget
    replaces: str = ""  # the key of an earlier application of the same applicant
    replaced_by: str = ""
    part_of: str = ""  # the key of the application this email completes (sent in two emails)

    @property
    def missing_annexes(self) -> list[str]:
        return [annex_id for annex_id, name in self.annexes.items() if not name]

    @property
    def unrecognised(self) -> list[str]:
        """Files that are neither an annex found, the identity document nor the answers: the officer opens them."""
        known = {*self.annexes.values(), self.identity}
        return [n for n, _ in self.files if n not in known and not n.lower().endswith(".json")]

    @property
    def complete(self) -> bool:
        return not self.missing_annexes

    @property
    def signed(self) -> bool | None:
        """None: signed on paper, not yet checked by hand."""
        if self.letter == "by_hand":
            return self.hand_check
        return self.letter in ("accepted", "signer_mismatch")

    @property
    def to_check_by_hand(self) -> bool:
        """Kept in the ranking, flagged: the officer has still to look at the scan and the ID."""
        return self.letter == "by_hand" and bool(self.identity) and self.hand_check is None

    @property
    def reasons(self) -> list[str]:
        """Why the application cannot be ranked (codes in EXCLUDING order); empty: admissible."""
        if self.part_of:
            return ["part_of"]  # its files are on the first email's card
        found = {
            "late": self.on_time is False,
            "no_time": self.on_time is None,
            "missing_annex": bool(self.missing_annexes),
            "no_letter": self.letter == "none",
            "id_missing": self.letter == "by_hand" and not self.identity,
            "letter_refused": self.letter in ("refused", "unusable", "unsigned"),
            "hand_signature_refused": self.letter == "by_hand" and self.hand_check is False,
            "ineligible": self.eligible is False,
            "replaced": bool(self.replaced_by),
            "part_of": bool(self.part_of),
        }
        return [code for code in EXCLUDING if found[code]]

    @property
    def admissible(self) -> bool:
        return not self.reasons

    @property
    def municipality_key(self) -> str:
        return self.municipality.istat_code if self.municipality else fold(self.applicant)


def card_of(m: Received, call: Call, checker: EnglishChecker) -> Card:
    card = Card(
        key=m.digest[:12],
        source=m.source,
        sender=m.sender,
        sender_name=m.sender_name,
        subject=m.subject,
        received_at=m.received_at,
        time_from=m.time_from,
        pec=m.pec,
        files=[(f.name, len(f.data)) for f in m.files],
        notes=list(m.notes),
    )
    if m.received_at is not None:
        card.on_time = m.received_at <= call.deadline_local
    _answers(card, m.files)
    texts = {f.name: docx_text(f.data) for f in m.files if f.name.lower().endswith(".docx")}
    _annexes(card, m.files, texts, call)
    if card.missing_annexes:  # PDFs read (in a worker, a few seconds) only when names were not enough
        found = set(card.annexes.values())
        texts |= {f.name: pdf_text(f.data) for f in m.files if f.name.lower().endswith(".pdf") and f.name not in found}
        _annexes(card, m.files, texts, call)
    _letter(card, m.files, texts, call)
    if any(text is None for name, text in texts.items() if name.lower().endswith(".pdf")):
        # Damaged, too complex, or the server too busy to read it in time: an annex said to be
        # missing, or a signatory not named, may be in it. The officer opens it.
        card.notes.append("pdf_unread")
    if card.answers is not None:
        _facts(card, card.answers, call)
    else:
        _hand_made(card, m, texts, call)
    _english(card, checker, call)
    return card


def _answers(card: Card, files: list[File]) -> None:
    for f in files:
        if not f.name.lower().endswith(".json"):
            continue
        try:
            card.answers = from_json(f.data)  # bounded in size and depth as a draft is
            card.made_with = "wizard"
            return
        except DraftError:
            card.answers_problem = "invalid"


def _prefix(annex: Annex) -> str:
    return fold(annex.file_name.split("{", 1)[0])


def _words(name: str) -> str:
    return " ".join(re.split(r"[\W_]+", fold(name)))


def _annexes(card: Card, files: list[File], texts: dict[str, str | None], call: Call) -> None:
    """Each annex: by the wizard's file name, else by its words in the file name, else in a
    Word file's first lines (a hand-made annex names itself in its title)."""
    taken: set[str] = set()
    for annex in call.annexes:
        found = next((f.name for f in files if fold(f.name).startswith(_prefix(annex)) and f.name not in taken), "")
        if not found:
            found = next((f.name for f in files if f.name not in taken and _names(annex, _words(f.name))), "")
        if not found:
            found = next(
                (n for n, text in texts.items() if n not in taken and text and _names(annex, _words(text[:400]))), ""
            )
        card.annexes[annex.id] = found
        taken.add(found)


def _names(annex: Annex, words: str) -> bool:
    padded = f" {words} "
    return any(f" {_words(m)} " in padded for m in annex.match)


def _letter(card: Card, files: list[File], texts: dict[str, str | None], call: Call) -> None:
    """The signed letter, checked as on the applicant's side: against the fingerprint of what
    the letter of these answers says, and the signatory they name (a hand-made letter names
    one in its text, when it can be read). The answers file is also compared with the
    answers the letter was made from (the PDF carries both fingerprints). A PDF without a
    digital signature is a letter signed on paper: the officer checks it with the identity
    document that must come with it."""
    annex = next((a for a in call.annexes if a.signed_by == "mayor"), None)
    name = card.annexes.get(annex.id, "") if annex else ""
    letter = next((f for f in files if f.name == name), None)
    if letter is None:
        card.letter = "none"
        return
    d = card.answers
    if d is None:
        text = texts.get(letter.name)
        if text is None and letter.name.lower().endswith(".pdf"):
            text = texts[letter.name] = pdf_text(letter.data)  # a scan without text reads as ""
        card.signatory = signatory_in(text or "")
    fingerprint = letter_fingerprint_of(d, call) if d else ""
    signatory = d.letter.signatory_name if d else card.signatory
    verdict = check_letter(letter.data, fingerprint=fingerprint, signatory=signatory)
    if verdict.problems == ("unsigned",):  # no digital signature: read as the scan route reads it
        verdict = check_letter(letter.data, fingerprint=fingerprint, signatory=signatory, scan=True)
    card.verdict = replace(verdict, letter_pdf=b"")  # the card keeps the findings, not the letter
    problems = set(verdict.problems)
    # The letter stands either way; the answers file is not what was signed when the letter's
    # text differs, or when the answers the letter was made from are not these.
    signed_answers = verdict.answers_fingerprint
    if d is not None and (
        verdict.fingerprint == "older" or (signed_answers and signed_answers != answers_fingerprint(d))
    ):
        card.answers_problem = "mismatch"
        problems.discard("older_answers")
    if verdict.accepted and verdict.kind == "scan":
        card.letter = "by_hand"
        card.identity = _identity([f.name for f in files], set(card.annexes.values()))
    elif problems & NOT_VERIFIED_HERE:
        card.letter = "not_checked"  # signed, perhaps validly: the officer's signing software tells
    elif verdict.outcome == "unusable":
        card.letter = "unusable"
    elif problems and problems <= {"unsigned", "scan_is_unsigned"}:  # the app's own PDF, nobody signed it
        card.letter = "unsigned"
    elif problems:
        card.letter = "refused"
    elif signatory and "signer_mismatch" in verdict.warnings:
        card.letter = "signer_mismatch"
    else:
        card.letter = "accepted"


def _identity(names: list[str], taken: set[str]) -> str:
    """The file whose name says it is an identity document (not an annex already found)."""
    for name in names:
        padded = f" {_words(name.rsplit('.', 1)[0])} "
        if name not in taken and any(f" {w} " in padded for w in IDENTITY_WORDS):
            return name
    return ""


def _english_level(d: Dossier) -> str:
    english = [x for x in d.officer.languages if fold(x.language) in ("english", "inglese")]
    levels = [x.spoken_interaction for x in english if x.spoken_interaction]
    if fold(d.officer.mother_tongue) in ("english", "inglese"):
        return "C2"
    return max(levels, key=CEFR_LEVELS.index) if levels else ""


def _facts(card: Card, d: Dossier, call: Call) -> None:
    e = d.eligibility
    card.kind = e.kind or ""
    place = lead_municipality(d) if e.kind == "union" else e.municipality
    card.municipality = find(place.name, place.province)
    card.applicant = e.union_name if e.kind == "union" else (f"Comune di {place.name}" if place.name else "")
    found = eligibility_findings(d, call)
    card.eligibility_notes = [f.code for f in found if f.ineligible or f.code == "unknown_municipality"]
    card.eligible = not card.eligibility_notes
    card.population = population(d)
    share = d.applicant.foreign_percent
    card.foreign_share = round(share, 1) if share is not None else None
    card.size = call.size_category(card.population)
    card.english_level = _english_level(d)
    community = call.community(d.needs.community)
    card.community = community.title if community else ""
    card.action_plan = e.action_plan and "action_plan" in d.letter.commitments
    card.texts = {q.id: d.needs.answers.get(q.id, "") for q in call.questions}


_NAMED = re.compile(r"\b(?:Comune|Municipality|City|Citt[àa]|Town)\s+(?:di|of|d')\s*([^\W\d_][\w'’ -]{1,60})", re.I)


def guess_municipality(*texts: str) -> Comune | None:
    """The municipality a hand-made application names ("Comune di X", "Municipality of X")."""
    for text in texts:
        for m in _NAMED.finditer(text or ""):
            words = m.group(1).split()
            for n in range(min(len(words), 5), 0, -1):
                found = find(" ".join(words[:n]).strip(" -'’"))
                if found is not None:
                    return found
    return None


def _hand_made(card: Card, m: Received, texts: dict[str, str | None], call: Call) -> None:
    needs = card.annexes.get("needs", "")
    letter_text = texts.get(card.annexes.get("letter", "")) or ""
    card.municipality = guess_municipality(m.subject, letter_text, texts.get(needs) or "", m.body)
    if card.municipality is None:
        card.applicant = m.sender_name or m.sender
        return  # eligibility cannot be told: the officer reads the documents
    card.kind = "municipality"
    card.applicant = f"Comune di {card.municipality.name}"
    card.eligible = fold(card.municipality.region) == fold(call.eligible_region)
    card.eligibility_notes = [] if card.eligible else ["outside_region"]
    text = texts.get(needs)
    card.texts = {"text": text} if text else {}


def _english(card: Card, checker: EnglishChecker, call: Call) -> None:
    fields = dossier_texts(card.answers, call) if card.answers is not None else dict(card.texts)
    results: dict[str, list[SentenceResult]] = checker.check_fields({k: v for k, v in fields.items() if v.strip()})
    for where, found in results.items():
        for r in found:
            if r.verdict == NOT_CHECKED:
                card.english_unchecked = True
            elif r.verdict == "not_english":
                card.not_english.append((where, r.sentence, r.language))
            elif r.verdict == "english":
                card.english_checked += 1


def mark_duplicates(cards: list[Card]) -> None:
    """The same applicant twice: both kept, the later one marked as replacing the earlier
    (a late one replaces nothing: the one on time stands)."""
    by_place: dict[str, list[Card]] = {}
    for c in cards:
        if c.municipality_key:
            by_place.setdefault(c.municipality_key, []).append(c)
    for same in by_place.values():
        same.sort(key=lambda c: (c.received_at is None, c.received_at or datetime.min))
        kept = same[0]
        for later in same[1:]:
            if later.on_time is False:
                continue
            if _completes(kept, later):
                continue
            later.replaces = kept.key
            kept.replaced_by = later.key
            kept = later


def _completes(first: Card, later: Card) -> bool:
    """An application sent in two emails (the CV in a reply): the later one brings only annexes
    the first lacks. Its files join the first's card, which is then received when the last
    part came; the later card says it is part of the first."""
    brought = {a for a, name in later.annexes.items() if name}
    had = {a for a, name in first.annexes.items() if name}
    identity = "" if brought else _identity([n for n, _ in later.files], set())
    if first.letter == "by_hand" and not first.identity and identity:  # the document the reply asked for
        first.identity = identity
    elif not brought or not had or brought & had:
        return False
    for a in brought:
        first.annexes[a] = later.annexes[a]
    first.files += later.files
    if first.letter == "none" and later.letter != "none":
        first.letter, first.verdict, first.signatory, first.identity = (
            later.letter,
            later.verdict,
            later.signatory,
            later.identity,
        )
    first.texts = {**later.texts, **first.texts}
    first.not_english += later.not_english
    first.english_checked += later.english_checked
    first.received_at, first.time_from, first.on_time = later.received_at, later.time_from, later.on_time
    first.notes.append("completed")
    later.part_of = first.key
    return True
