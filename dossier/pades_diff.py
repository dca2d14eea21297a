"""What a revision after a signature may change: pyHanko's difference analysis, with one
rule relaxed to what PAdES allows.

pyHanko refuses a later revision that rewrites an entry of the document security store's
/VRI dictionary; DSS (the EU's library) and the tools built on it rewrite them when they
extend a signature to LT or LTA, and PAdES allows the store to be updated. Here a rewritten
entry is checked as a new one (the same structural checks); everything else is pyHanko's.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.reader import HistoricalResolver, RawPdfPath
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    DSSCompareRule,
    ModificationLevel,
    StandardDiffPolicy,
    SuspiciousModification,
)
from pyhanko.sign.diff_analysis.commons import compare_key_refs
from pyhanko.sign.diff_analysis.rules.form_field_rules import _validate_dss_substructure
from pyhanko.sign.diff_analysis.rules_api import Context, ReferenceUpdate


class _DssRule(DSSCompareRule):
    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterable[ReferenceUpdate]:
        # pyHanko's DSSCompareRule.apply, but for the call to _check_vri (see the module's doc)
        dss_context = Context.from_absolute(old, RawPdfPath("/Root", "/DSS"))
        old_dss, new_dss = yield from misc.map_with_return(
            compare_key_refs("/DSS", old, old.root, new.root),
            ReferenceUpdate.curry_ref(context_checked=dss_context),
        )
        if new_dss is None:
            return
        old_dss = generic.DictionaryObject() if old_dss is None else old_dss
        if not (isinstance(old_dss, generic.DictionaryObject) and isinstance(new_dss, generic.DictionaryObject)):
            raise SuspiciousModification("/DSS is not a dictionary")
        streams = {"/Certs", "/CRLs", "/OCSPs"}
        if not set(new_dss.keys()) <= {"/Type", "/VRI"} | streams:
            raise SuspiciousModification("Unexpected keys in DSS")
        yield from _validate_dss_substructure(old, new, old_dss, new_dss, streams, is_vri=False, context=dss_context)
        old_vri, new_vri = yield from misc.map_with_return(
            compare_key_refs("/VRI", old, old_dss, new_dss),
            ReferenceUpdate.curry_ref(context_checked=Context.from_absolute(old, RawPdfPath("/Root", "/DSS", "/VRI"))),
        )
        if new_vri is None:
            return
        if not isinstance(new_vri, generic.DictionaryObject):
            raise SuspiciousModification("/VRI is not a dictionary")
        old_vri = old_vri if isinstance(old_vri, generic.DictionaryObject) else generic.DictionaryObject()
        # entries left as they were are kept; rewritten ones are checked as new entries
        kept = generic.DictionaryObject(
            {k: v for k, v in old_vri.items() if k in new_vri and new_vri.raw_get(k) == old_vri.raw_get(k)}
        )
        yield from DSSCompareRule._check_vri(old, new, kept, new_vri)


POLICY = StandardDiffPolicy(
    global_rules=[
        _DssRule().as_qualified(ModificationLevel.LTA_UPDATES)
        if isinstance(getattr(rule, "rule", None), DSSCompareRule)
        else rule
        for rule in DEFAULT_DIFF_POLICY.global_rules
    ],
    form_rule=DEFAULT_DIFF_POLICY.form_rule,
)
