"""The numpy MiniLM gives the vectors sentence-transformers gives, text by text: the same word
pieces (special tokens, truncation at 128), and the same forward pass to cosine 0.9999."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.embed import SentenceTransformerEmbedder
from ingest.minilm_numpy import numpy_minilm

LONG = [
    # Well over 128 word pieces each, so that truncation is exercised.
    "The practitioners who met the family over those eighteen months each held a piece of "
    "the picture. The midwife knew the mother had stopped taking her medication in the "
    "second trimester; the housing officer knew the flat had damp in every room and that "
    "the boiler had been condemned; the nursery knew the older boy arrived most mornings "
    "without breakfast and often in the clothes of the day before; the police knew of two "
    "calls from neighbours about shouting late at night. Nobody put these pieces together, "
    "and the strategy discussion that might have done so was never convened, because each "
    "agency believed another was leading. When the baby was admitted with a head injury, "
    "the hospital team found records in four systems that did not speak to each other.",
    "Recommendation 4: the partnership should commission a short audit, within six months, "
    "of how often fathers and male carers are named, contacted and assessed in early help "
    "plans, child in need plans and child protection conferences. The audit should sample "
    "cases from every locality, record whether the man's own history (criminal, mental "
    "health, substance use, previous children) was checked, and report to the executive "
    "group with actions. Practitioners told the reviewers that they found it hard to engage "
    "men who worked shifts or who were not living at the address, and that appointments "
    "were routinely offered in office hours; the audit should test whether this is so, and "
    "what changes when visits are offered in the evening or at weekends.",
    "Between January and March the school recorded thirty-one absences, most of them "
    "Mondays and Fridays, and three occasions on which the girl said she had been 'looking "
    "after mum'. A referral to the attendance service was made but closed after a single "
    "letter went unanswered. The school nurse, who had seen her twice for headaches, did not "
    "know about the absences; the GP, who had prescribed the mother antidepressants and then "
    "a higher dose, did not know there was a child of twelve at home acting as a carer. "
    "Young carers are often invisible to services because the caring role is something the "
    "family has reason to hide, and the review heard that the girl feared being taken into "
    "care if she told anyone how unwell her mother had become during that winter.",
    "word " * 400,
]

TEXTS = [
    "methadone",
    "neglect",
    "Neglect.",
    "NEGLECT!!!",
    "bruise on a non-mobile baby",
    "father not seen by the health visitor",
    "was the child's voice heard?",
    "drugs AND alcohol -cannabis",
    '"safer sleep" advice at discharge',
    "The mother’s partner said the injury was “an accident”.",
    "It’s the dad’s ‘friend’ who looked after him — not the grandmother…",
    "Café, naïve, Zoë and Chloë: accents kept or dropped?",
    "Gwasanaethau Cymdeithasol Cymru — Adolygiad Ymarfer Plant (ŵ, ŷ)",
    "Ümit and Şükrü moved from İzmir in 2019.",
    "Costs: £1,250 per placement; €300 in travel.",
    "子供の安全 and 儿童保护",
    "Дети и семьи",
    "مراجعة حالة",
    "emoji in a note 🙂👶",
    "tab\tand\nnew line\r\ninside",
    "   leading and trailing spaces   ",
    "",
    "a",
    "S.47 enquiry, ICPC on 03/04/2021, RCPC 6 wks later (LADO informed).",
    "MASH → EHA → CIN → CP: the route the referral took",
    "under-5s, 16-17 year olds and 'hard to reach' families",
    "Baby of 8 weeks; rib fractures; parents separated; maternal grandmother caring.",
    "https://example.org/reviews/child-q?page=3#findings",
    "x" * 300,
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "Professional curiosity was lacking. Information was not shared. Escalation did not happen.",
    *LONG,
]


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(query_loader=None)


@pytest.mark.integration
@pytest.mark.slow
def test_word_pieces_match_sentence_transformers(
    torch_embedder: SentenceTransformerEmbedder,
) -> None:
    model = torch_embedder.model
    prepare = getattr(model, "preprocess", None) or model.tokenize
    features = prepare(TEXTS)
    ours = numpy_minilm(torch_embedder.max_seq_length).tokenizer.encode_batch(TEXTS)
    for row, encoding in enumerate(ours):
        mask = features["attention_mask"][row].tolist()
        theirs = features["input_ids"][row].tolist()[: sum(mask)]
        assert encoding.ids == theirs, TEXTS[row][:60]
    untruncated = numpy_minilm(512).tokenizer.encode_batch(LONG)
    assert all(len(e.ids) > 128 for e in untruncated)  # the long texts are cut


@pytest.mark.integration
@pytest.mark.slow
def test_vectors_match_sentence_transformers(torch_embedder: SentenceTransformerEmbedder) -> None:
    expected = torch_embedder.embed(TEXTS)
    got = numpy_minilm(torch_embedder.max_seq_length).embed(TEXTS)
    assert got.shape == expected.shape == (len(TEXTS), 384) and got.dtype == np.float32
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    cosines = (got * expected).sum(axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.9999, (TEXTS[worst][:60], float(cosines[worst]))


@pytest.mark.integration
def test_a_text_gets_the_same_vector_alone_or_in_a_padded_batch() -> None:
    model = numpy_minilm()
    texts = ["methadone", LONG[0], "a mother’s ‘short fuse’", ""]
    together = model.embed(texts)
    alone = np.vstack([model.embed([text]) for text in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert model.embed([]).shape == (0, 384)
    assert numpy_minilm() is model  # read from disk once per process
