"""Long texts: sentences without punctuation are capped before the parser."""
import re

from conftest import SEED
from graphkit import nlp as nlp_mod


def test_unpunctuated_text_gets_sentences_of_bounded_length(extractor):
    words = re.sub(r"[^\w\s]", " ", SEED.read_text()).lower().split()[:600]
    doc = extractor.nlp(" ".join(words))
    assert max(len(s) for s in doc.sents) <= nlp_mod.MAX_SENTENCE
    assert doc.text == " ".join(words)


def test_a_capped_sentence_ends_at_a_comma(extractor):
    first = "officials from the northern provinces discussed grain exports and river transport " * 7
    second = "ministers of the coastal regions reviewed fishing quotas and harbour fees " * 5
    doc = extractor.nlp(first + ", " + second)
    [comma] = [t for t in doc if t.text == ","]
    assert nlp_mod.MIN_SENTENCE <= comma.i < nlp_mod.MAX_SENTENCE
    assert doc[comma.i + 1].is_sent_start


def test_punctuated_news_keeps_the_parser_sentences(extractor):
    text = SEED.read_text()
    capped = [s.start for s in extractor.nlp(text).sents]
    with extractor.nlp.select_pipes(disable=["graphkit_sentence_cap"]):
        assert [s.start for s in extractor.nlp(text).sents] == capped
