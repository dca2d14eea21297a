"""The English check: every sentence of every free-text answer gets a verdict and hints.

The call accepts documents in English only, and our users write English that is full of
Italian proper names, offices, laws and acronyms. Plain langdetect calls many such English
sentences Italian and guesses on short CV lines. The method here (measured by
`bench/english_bench.py` on `tests/data/english_corpus.tsv`):

1. Split each answer into sentences; every line (a CV line, a list item) is at least one.
2. Tokenise and take out what is no evidence of a language: URLs, e-mails, numbers, dates,
   acronyms, quoted titles, dotted abbreviations, and proper names (runs of capitalised
   words joined by Italian connectors, "Comune di Settimo Torinese"; any capitalised word
   inside a sentence). A run of capitalised words made only of glossary terms
   ("Ufficio Anagrafe", "Giunta Comunale") is not a name but an untranslated term.
3. Count function words of English, Italian, French, Spanish and German among the words
   left; on short lines, untranslated glossary terms count as Italian too.
4. Run langdetect (own seeded factory, restricted to the European languages our users could
   paste: en it fr es de pt ro) on the masked sentence.
5. Decide: clear function-word evidence wins; otherwise langdetect's probability of English,
   and a line of English dictionary words with no foreign function word is English; a single
   word, or a short line with no function word and no clear dictionary or langdetect
   evidence, is "too_short".

Hints: untranslated glossary terms (not inside proper names), common false friends and
calques and other mistakes Italian writers make (dossier/data/rules.toml), Italian words
left in, and spelling (pyspellchecker's English
dictionary, British spellings accepted, names, acronyms and glossary terms ignored).

Per-user text is memoised only inside an `EnglishChecker` instance (the UI keeps one per
session); module-level caches hold only read-only resources, the same for everyone. Every
step takes time and memory linear in the text, within a size and time budget (`Budget`).

One module per stage: sentences (1), tokens (2), evidence (3), decision (4), hints; the
shared resources in lexicon (function words, glossary, false friends) and dictionary
(English words, langdetect); checker puts them together for a session, cli for
`python -m dossier check-english`.
"""

from .checker import (
    NOT_CHECKED,
    VERDICTS,
    Analysis,
    Budget,
    EnglishChecker,
    SentenceResult,
    analyse,
    dossier_texts,
    kept_as_written,
    not_english,
    unchecked,
    unresolved,
)
from .cli import MAX_INPUT_BYTES, main_check_english, result_dict
from .decision import decide
from .dictionary import (
    DETECT_LANGUAGES,
    detect_probabilities,
    is_english_word,
    suggest_spelling,
)
from .evidence import Evidence
from .hints import HINT_KINDS, Hint, apply_fix
from .lexicon import FUNCTION_WORDS, glossary
from .mistakes import Rule, apply_template, families, rules
from .sentences import normalise, sentence_key, split_sentences, without_controls

__all__ = [
    "DETECT_LANGUAGES",
    "FUNCTION_WORDS",
    "HINT_KINDS",
    "MAX_INPUT_BYTES",
    "NOT_CHECKED",
    "VERDICTS",
    "Analysis",
    "Budget",
    "EnglishChecker",
    "Evidence",
    "Hint",
    "Rule",
    "SentenceResult",
    "analyse",
    "apply_fix",
    "apply_template",
    "decide",
    "detect_probabilities",
    "dossier_texts",
    "families",
    "glossary",
    "is_english_word",
    "kept_as_written",
    "main_check_english",
    "normalise",
    "not_english",
    "result_dict",
    "rules",
    "sentence_key",
    "split_sentences",
    "suggest_spelling",
    "unchecked",
    "unresolved",
    "without_controls",
]
