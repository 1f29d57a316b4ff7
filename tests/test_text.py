"""Normalisation steps and the fingerprint hashes."""

from __future__ import annotations

import pytest

from cscheck.text import STEPS, content_start, normalise_word, short_gram, trigrams, words


@pytest.mark.parametrize(("raw", "norm"), [
    ("Opdrachtgever", "opdrachtgever"), ("zzp’er", "zzp'er"), ("ﬁnanciële", "financiële"), ("zes", "6"),
    ("veertien", "14"), ("Één", "1"),
])
def test_each_word_is_normalised(raw: str, norm: str) -> None:
    assert normalise_word(raw) == norm
    assert len(STEPS) == 4


@pytest.mark.parametrize("text", ["a) tekst", "iv. tekst", "1. tekst", "4.3/4.4 tekst", "– tekst", "•\ttekst"])
def test_list_markers_are_structure_not_text(text: str) -> None:
    assert text[content_start(text):] == "tekst"
    assert [w.norm for w in words(text)] == ["tekst"]


def test_quotes_dashes_and_spaces_do_not_count() -> None:
    a = [w.norm for w in words("De ‘eigen kracht’ – zes weken\u00a0later.")]
    b = [w.norm for w in words('De "eigen kracht" - 6 weken later')]
    assert a == b


def test_words_keep_their_place_and_markers_per_line() -> None:
    ws = words("3.9.1\nb) Opdrachtnemer meldt", block=7)
    assert [w.surface for w in ws] == ["3", "9", "1", "Opdrachtnemer", "meldt"]
    assert ws[3].block == 7 and ws[3].start == 9


def test_hashes_are_stable_across_runs_and_versions() -> None:
    # The committed manifests depend on these exact values: changing the scheme means rebuilding them.
    assert trigrams(["de", "overeenkomst", "start"]) == [2628645005]
    assert short_gram(["adres"]) == 3224283452
    assert short_gram(["en", "of"]) == 4197945981


def test_trigrams_are_ordered_and_shared() -> None:
    norms = ["opdrachtnemer", "meldt", "vooraf", "aan", "opdrachtgever"]
    hs = trigrams(norms)
    assert len(hs) == 3
    assert trigrams(norms[1:4]) == [hs[1]]
    assert trigrams(["a", "b"]) == []
