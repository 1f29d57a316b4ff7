"""The sentence stage (cscheck/rules/sentence.py) on its own: what a sentence does with a subject and its
predicates, with the shared word lists of rules/_zinnen.yaml."""

from __future__ import annotations

import re

import pytest

from cscheck.rules.sentence import Cues, Verdict, compile_cues, judge, sentence_at, shared_cues

CUES = compile_cues(shared_cues())
ZZP = r"\bzzp['’]?ers?\b"
TOESTEMMING = r"\btoestemming\w*|\baan(?:ge)?meld\w*|\baan\s+te\s+melden\b|\bmeldt\b(?:\s+\S+){0,4}?\s+aan\b"


def verdict(sentence: str, subject: str = ZZP, predicate: str | None = TOESTEMMING, *, by_itself: bool = False,
            heading: bool = False) -> Verdict:
    m = re.search(subject, sentence, re.I)
    assert m is not None, sentence
    predicates = None if predicate is None else [p.span() for p in re.finditer(predicate, sentence, re.I)]
    return judge(sentence, m.span(), predicates, CUES, heading=heading, by_itself=by_itself)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Opdrachtnemer vraagt voor iedere zzp'er vooraf toestemming.", Verdict.declares),
    ("Opdrachtnemer meldt iedere zzp'er aan als onderaannemer.", Verdict.declares),
    ("Voor een zzp'er is geen toestemming nodig.", Verdict.negated),
    ("Opdrachtnemer hoeft een zzp'er niet aan te melden.", Verdict.negated),
    ("Toestemming is voor zzp'ers nooit nodig.", Verdict.negated),
    # two negations affirm: "niet zonder toestemming" requires it
    ("Opdrachtnemer zet een zzp'er niet in zonder toestemming.", Verdict.declares),
    ("Opdrachtnemer mag een zzp'er aanmelden.", Verdict.permitted),
    ("Opdrachtnemer kan voor een zzp'er toestemming vragen.", Verdict.permitted),
    # ... unless the clause restricts: "mag pas na toestemming"
    ("De zzp'er mag pas aan de slag na toestemming van Opdrachtgever.", Verdict.declares),
    ("Onderaannemers, behalve zzp'ers, vragen toestemming.", Verdict.exception),
    ("Onderaanneming vraagt toestemming, met uitzondering van een zzp'er.", Verdict.exception),
    ("Voor een zzp'er is geen toestemming nodig, zoals artikel 3.9.1 bepaalt.", Verdict.restated),
    ("Conform artikel 3.9.1 vraagt Opdrachtnemer toestemming voor zzp'ers.", Verdict.restated),
    ("Moet Opdrachtnemer zzp'ers aanmelden?", Verdict.question),
    ('De zin "zzp\'ers worden aangemeld" komt uit een oude overeenkomst.', Verdict.quoted),
    ("Vorig jaar werden alle zzp'ers aangemeld.", Verdict.mention),
    ("Opdrachtnemer zet zzp'ers in.", Verdict.mention),  # no predicate: only a mention
    # a negation in another clause does not count
    ("Opdrachtnemer meldt iedere zzp'er aan, ook als die geen personeel heeft.", Verdict.declares),
    ("Een zzp'er die geen personeel heeft, hoeft geen toestemming te vragen.", Verdict.negated),
])
def test_what_a_sentence_does(sentence: str, expected: Verdict) -> None:
    assert verdict(sentence) == expected


def test_a_negation_inside_the_content_of_a_declaration_does_not_negate_it() -> None:
    sentence = "Opdrachtnemer verklaart dat hij geen Russische onderaannemers inzet."
    assert verdict(sentence, r"\brussisch\w*", r"\bverklaar\w*|\bverklaart\b") == Verdict.declares
    sentence = "Opdrachtnemer hoeft niet te verklaren dat hij geen Russische onderaannemers inzet."
    assert verdict(sentence, r"\brussisch\w*", r"\bverklaren\b") == Verdict.negated


def test_terms_with_a_trigger_word_are_not_triggers() -> None:
    assert verdict("Voor een zelfstandige zonder personeel vraagt Opdrachtnemer toestemming.",
                   r"zelfstandige") == Verdict.declares
    assert verdict("De opdrachtgever sluit met niet meer dan vijf opdrachtnemers een overeenkomst.",
                   r"vijf\s+opdrachtnemers", None) == Verdict.declares


def test_a_phrase_that_declares_by_itself() -> None:
    subject = r"in\s+afwijking\s+van\s+artikel\s+3\.\d+"
    assert verdict("In afwijking van artikel 3.2 wordt niet geïndexeerd.", subject, None,
                   by_itself=True) == Verdict.declares
    assert verdict("Opdrachtnemer declareert niet in afwijking van artikel 3.13.", subject, None,
                   by_itself=True) == Verdict.negated
    assert verdict("Opdrachtnemer mag in afwijking van artikel 3.13 per kwartaal declareren.", subject, None,
                   by_itself=True) == Verdict.permitted


def test_a_heading_or_a_label_declares_nothing() -> None:
    assert verdict("Inzet van zzp'ers en toestemming", heading=True) == Verdict.heading
    assert verdict("Zzp'ers", predicate=None) == Verdict.heading
    # a short table cell that names a requirement is not a label
    assert verdict("Ondertekende sanctieverklaring", r"sanctieverklaring", r"\bonderteken\w*") == Verdict.declares


def test_an_article_of_a_law_is_not_the_standard() -> None:
    sentence = "Opdrachtnemer verklaart dat hij niet valt onder artikel 5k van Verordening (EU) 833/2014."
    assert verdict(sentence, r"artikel\s+5k", r"\bverklaart\b") == Verdict.declares
    sentence = "Zoals bedoeld in artikel 2.163c van de Aanbestedingswet vraagt Opdrachtnemer toestemming voor zzp'ers."
    assert verdict(sentence) == Verdict.declares


def test_a_rule_adds_its_own_words() -> None:
    own = compile_cues(Cues(negation=["afgewezen"]).joined(shared_cues()))
    sentence = "Een aanmelding van een zzp'er als onderaannemer wordt afgewezen."
    m = re.search(ZZP, sentence)
    assert m is not None
    spans = [p.span() for p in re.finditer(TOESTEMMING, sentence)]
    assert judge(sentence, m.span(), spans, CUES) == Verdict.declares
    assert judge(sentence, m.span(), spans, own) == Verdict.negated


@pytest.mark.parametrize(("text", "at", "expected"), [
    ("Eerste zin. Tweede zin over art. 3.9 en zzp'ers. Derde.", "zzp", "Tweede zin over art. 3.9 en zzp'ers."),
    ("4.2. De VNG-voorwaarden gelden.", "VNG", "4.2. De VNG-voorwaarden gelden."),
    ("Onderaannemers melden; zzp'ers niet.", "zzp", "zzp'ers niet."),
])
def test_sentences(text: str, at: str, expected: str) -> None:
    start = text.index(at)
    s0, s1 = sentence_at(text, start, start + len(at))
    assert text[s0:s1] == expected
