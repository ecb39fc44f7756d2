"""Views of a Doc that the components read hundreds of times per article: its text, sentences
and other lists worked out from it (:func:`memoised`).

``Doc.text`` joins every token and ``Token.sent`` walks every sentence, on each call: used
hundreds of times per article they made long articles quadratic. While a component runs,
both are worked out once and kept in ``doc.user_data`` (see :func:`cached_views`). The text is
joined once per Doc for all of them: a Doc's text never changes (retokenizing keeps every
character).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar
from weakref import WeakKeyDictionary

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

_TEXT, _SENTENCES, _MEMO = "claimgraph_text", "claimgraph_sentence_starts", "claimgraph_memo"
T = TypeVar("T")
# Doc -> its text, while the Doc lives: the components and the stage's writer each asked for it
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


@contextmanager
def cached_views(doc: Doc) -> Iterator[None]:
    """Keep the doc's text and sentence starts at hand while a component runs, then drop them."""
    doc.user_data[_TEXT] = _joined_text(doc)
    doc.user_data[_SENTENCES] = [sentence.start for sentence in doc.sents] + [len(doc)]
    doc.user_data[_MEMO] = {}
    try:
        yield
    finally:
        doc.user_data.pop(_TEXT, None)
        doc.user_data.pop(_SENTENCES, None)
        doc.user_data.pop(_MEMO, None)


def memoised(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, worked out once while a component runs (the component must not change
    what it reads); outside :func:`cached_views`, every time."""
    memo = doc.user_data.get(_MEMO)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (and read from ``doc.user_data`` while a component runs)."""
    text = doc.user_data.get(_TEXT)
    return _joined_text(doc) if text is None else text


def _joined_text(doc: Doc) -> str:
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token`` (``token.sent``, by bisection while a component runs)."""
    starts = token.doc.user_data.get(_SENTENCES)
    if starts is None:
        return token.sent
    index = bisect_right(starts, token.i) - 1
    return token.doc[starts[index]:starts[index + 1]]


def sentence_start_at(doc: Doc, i: int) -> int:
    """Where the sentence holding token ``i`` starts: ``sentence_of(doc[i]).start`` without
    making the token and the sentence (by bisection while a component runs)."""
    starts = doc.user_data.get(_SENTENCES)
    if starts is None:
        return doc[i].sent.start
    return starts[bisect_right(starts, i) - 1]


def nouns_of(doc: Doc) -> list[Token]:
    """The doc's common nouns (``pos_ == "NOUN"``), found through the POS array rather than by
    making a Token of every word; worked out once while a component runs."""
    def compute() -> list[Token]:
        noun = doc.vocab.strings["NOUN"]
        return [doc[i] for i, pos in enumerate(doc.to_array(POS).tolist()) if pos == noun]
    return memoised(doc, "nouns", compute)
