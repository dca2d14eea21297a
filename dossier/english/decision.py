"""Stage 4, decision: a sentence's verdict and language from its evidence."""

from __future__ import annotations

from .evidence import Evidence

LONG_WORDS = 4  # from this many words (and LONG_LETTERS letters) langdetect is trusted
LONG_LETTERS = 20


def decide(ev: Evidence) -> tuple[str, str]:
    """(verdict, language) from the evidence of one sentence."""
    en = ev.function["en"]
    others = {lang: c for lang, c in ev.function.items() if lang != "en"}
    others["it"] += ev.terms
    top_other = max(others, key=lambda lang: (others[lang], lang == "it"))
    other = others[top_other]
    probs = ev.probabilities
    p_en = probs.get("en", 0.0)
    top_detected = max((lang for lang in probs if lang != "en"), key=lambda lang: probs[lang], default="")

    def foreign(default: str) -> tuple[str, str]:
        # name the language: function words if they are clear, else langdetect
        if other >= 1 and (not top_detected or others.get(top_detected, 0) < other):
            return "not_english", top_other
        return "not_english", top_detected or default

    if ev.words == 0 and ev.terms == 0:
        return "too_short", ""
    long = ev.words >= LONG_WORDS and ev.letters >= LONG_LETTERS
    if long:
        # In a sentence, glossary terms are untranslated words in an English frame: they
        # get hints, and only function words and langdetect decide the language.
        fw_other = max(c for lang, c in ev.function.items() if lang != "en")
        if en >= 2 and en >= 2 * fw_other:
            return "english", "en"
        if fw_other >= 2 and fw_other >= 2 * en:
            return foreign(top_other)
        if p_en >= 0.5 or (en >= 3 and en >= fw_other):
            return "english", "en"
        if fw_other == 0 and ev.dictionary_share >= 0.8:
            return "english", "en"  # English words only, no foreign function word
        return foreign(top_other)
    if ev.words + ev.term_tokens < 2:
        # One word ("No", "Present", "Librarian"): only an Italian glossary term or a long
        # function word of one other language ("Nessuno") says anything.
        if ev.terms:
            return "not_english", "it"
        if other >= 1 and ev.letters >= 4 and other == int(other):
            return foreign(top_other)
        return "too_short", ""
    # Short: function words decide; otherwise the dictionary and langdetect together.
    if en >= 1 and en > other:
        return "english", "en"
    if other >= 1 and en == 0:
        return foreign(top_other)
    content_words = ev.words - int(en + other)
    if content_words >= 2 and ev.dictionary_share >= 0.99:
        return "english", "en"
    if content_words >= 2 and ev.dictionary_share <= 0.5 and top_detected and probs[top_detected] >= 0.9:
        return "not_english", top_detected
    return "too_short", ""
