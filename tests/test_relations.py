"""One test per construction: real news sentences (most from the sample article), exact assertions."""
import pytest

from graphkit import Document

from conftest import triples


def extract(extractor, text):
    return [a for a in extractor.extract_one(Document("t", text)) if a.relation != "affiliated_with"]


def test_active_verb(extractor):
    assert triples(extract(extractor, "Russia invaded Ukraine in February.")) == [("RUS", "ASSAULT", "UKR")]


def test_passive_with_agent(extractor):
    [a] = extract(extractor, "China was asked by Russia for military aid.")
    assert (a.subject.id, a.relation, a.event, a.cameo, a.object.id) == ("RUS", "ask", "REQUEST", "020", "CHN")


def test_prepositional_object(extractor):
    text = ("US national security adviser Jake Sullivan met Monday with top Chinese diplomat Yang Jiechi in Rome, "
            "Chinese state broadcaster CGTN reported.")
    [a] = extract(extractor, text)
    assert triples([a]) == [("person:jake-sullivan", "CONSULT", "person:yang-jiechi")]
    assert a.attributed_to.id == "CGTN" and a.attributed_to.text == "Chinese state broadcaster CGTN"


def test_coordinated_subjects(extractor):
    assert triples(extract(extractor, "The United States and Britain condemned Iran.")) == [
        ("USA", "ACCUSE", "IRN"), ("GBR", "ACCUSE", "IRN")]


def test_coordinated_symmetric_subjects_pair_up(extractor):
    assert triples(extract(extractor, "Jordan and Britain have agreed to undertake joint military exercises.")) == [
        ("JOR", "AGREE", "GBR")]


def test_coordinated_agents_in_a_nominal_event(extractor):
    text = "Top US and Chinese officials hold high-stakes meeting in Rome"
    assert triples(extract(extractor, text)) == [("USA:GOV", "CONSULT", "CHN:GOV")]


@pytest.mark.parametrize("text, expected", [
    ("That request came after Russia's invasion of Ukraine had occurred.", ("RUS", "ASSAULT", "UKR")),
    ("The impact of Russia's war against Ukraine on regional and global security was discussed.",
     ("RUS", "ASSAULT", "UKR")),
    ("China refused to go along with a raft of sanctions leveraged by the US and its allies against Russia.",
     ("USA", "SANCTION", "RUS")),
    ("Monday's meeting between Yang Jiechi and Jake Sullivan is seen by both sides as a step forward.",
     ("person:yang-jiechi", "CONSULT", "person:jake-sullivan")),
])
def test_nominal_events(extractor, text, expected):
    assert expected in triples(extract(extractor, text))


def test_hyphenated_pair_names_a_summit(extractor):
    text = ("Chinese leader Xi Jinping spoke with US President Joe Biden. Sullivan and Yang last met in Zurich in "
            "October for a meeting preceding the Xi-Biden video summit.")
    assert ("person:xi-jinping", "CONSULT", "person:joe-biden") in triples(extract(extractor, text))


def test_reported_speech_attributes_the_speaker(extractor):
    [a] = extract(extractor, "A senior US official told CNN Sunday that Moscow has asked Beijing for military "
                             "assistance in Ukraine.")
    assert triples([a]) == [("RUS", "REQUEST", "CHN")]
    assert (a.subject.text, a.object.text) == ("Moscow", "Beijing")
    assert a.attributed_to.id == "USA:GOV" and a.attributed_to.text == "A senior US official"


def test_according_to_attributes_the_source(extractor):
    [a] = extract(extractor, "Russia has also asked China for economic support, according to a US official "
                             "familiar with the matter.")
    assert triples([a]) == [("RUS", "REQUEST", "CHN")] and a.attributed_to.id == "USA:GOV"


def test_quotation_is_attributed_to_its_speaker(extractor):
    text = ('US national security adviser Jake Sullivan spoke to CNN on Sunday. "It is a concern of ours. And we '
            'have communicated to Beijing that we will not stand by," Sullivan said.')
    consult = [a for a in extract(extractor, text) if a.event == "CONSULT"]
    assert [(a.subject.id, a.subject.text, a.object.id, a.attributed_to.name) for a in consult] == [
        ("USA", "we", "CHN", "Jake Sullivan")]


def test_denial_is_a_rejection_and_marks_what_was_denied(extractor):
    out = extract(extractor, "China has denied it was asked by Russia for military equipment or other assistance.")
    assert triples(out) == [("CHN", "REJECT", "RUS"), ("RUS", "REQUEST", "CHN")]
    reject, request = out
    assert reject.cameo == "016" and reject.denied_by is None
    assert request.denied_by.id == "CHN" and request.mode is None


def test_denial_of_allegations(extractor):
    out = extract(extractor, "Kremlin spokesperson Dmitry Peskov on Monday also denied allegations Russia requested "
                             "military assistance in Ukraine from China.")
    assert triples(out) == [("person:dmitry-peskov", "REJECT", "CHN"), ("RUS", "REQUEST", "CHN")]
    assert out[1].denied_by.id == "person:dmitry-peskov"


def test_negation(extractor):
    out = extract(extractor, "Beijing is siding with Russia by not condemning its aggression in Ukraine.")
    assert triples(out, with_mode=True) == [("CHN", "SUPPORT", "RUS", None), ("CHN", "ACCUSE", "UKR", "negation")]


def test_modal_is_hypothetical(extractor):
    out = extract(extractor, "Beijing could take further steps to aid its strategic partner Russia.")
    assert triples(out, with_mode=True) == [("CHN", "AID", "RUS", "hypothetical")]


def test_whether_clause_is_hypothetical(extractor):
    out = extract(extractor, "The US was watching closely to see whether China provides any support to Russia.")
    assert triples(out, with_mode=True) == [("CHN", "SUPPORT", "RUS", "hypothetical")]


def test_future(extractor):
    out = extract(extractor, "Russian President Vladimir Putin will meet Chinese leader Xi Jinping in Beijing.")
    assert triples(out, with_mode=True) == [("person:vladimir-putin", "CONSULT", "person:xi-jinping", "future")]


def test_expressed_intent_is_agree_and_refusal_is_reject(extractor):
    assert triples(extract(extractor, "Finland will give Tanzania a grant of 580 million shillings.")) == [
        ("FIN", "AGREE", "TZA")]
    out = extract(extractor, "Syria says it will not accept any more refugees from Iraq.")
    assert [(a.subject.id, a.event) for a in out] == [("SYR", "REJECT")]


def test_historical(extractor):
    out = extract(extractor, "Jake Sullivan and Yang Jiechi last met in Zurich in October.")
    assert triples(out, with_mode=True) == [("person:jake-sullivan", "CONSULT", "person:yang-jiechi", "historical")]


def test_labelling_a_claim_as_disinformation_is_an_accusation(extractor):
    text = ('Foreign Ministry Spokesperson Zhao Lijian on Monday called the claims "disinformation" peddled by '
            'the US against China "with sinister intentions."')
    assert ("person:zhao-lijian", "ACCUSE", "USA") in triples(extract(extractor, text))


def test_deterministic_ids(extractor):
    text = "Russia invaded Ukraine."
    assert [a.id for a in extract(extractor, text)] == [a.id for a in extract(extractor, text)]


def test_raising_passive_subject(extractor):
    out = extract(extractor, "Russian President Vladimir Putin is scheduled to visit Beijing next month.")
    assert triples(out, with_mode=True) == [("person:vladimir-putin", "CONSULT", "CHN", None)]


def test_signing_or_ratifying_an_agreement_is_support(extractor):
    assert triples(extract(extractor, "Ukraine ratified an agreement with the European Union.")) == [
        ("UKR", "SUPPORT", "EU")]
