"""The memo every per-user cache of text is kept in (dossier/bounded_memo.py): bounded in
entries as well as in characters, and a key kept again counts once."""

from dossier.bounded_memo import BoundedMemo


def test_the_memo_keeps_at_most_its_entries_the_newest():
    memo: BoundedMemo[str, int] = BoundedMemo(max_chars=1_000_000, max_entries=3)
    for i in range(10):
        memo.put(f"sentence {i}", i, len(f"sentence {i}"))
    assert list(memo) == ["sentence 7", "sentence 8", "sentence 9"]
    assert memo.get("sentence 9") == 9 and "sentence 0" not in memo


def test_a_key_kept_again_counts_its_characters_once():
    memo: BoundedMemo[str, int] = BoundedMemo(max_chars=100)
    for value in range(5):
        memo.put("the same answer", value, 15)
    assert (len(memo), memo.chars, memo.get("the same answer")) == (1, 15, 4)
