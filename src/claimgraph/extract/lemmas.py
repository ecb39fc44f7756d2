"""Lemmas as the claim frames' word lists spell them: the tagger's lemma, mended where it is wrong.

The tagger's lemmatizer cuts some forms to another word ("fined" -> "fin", "staged" -> "stag",
"taxes" -> "taxis"). The claim modules look every word up through :func:`mended_lemma`; the
cue words of the attribution lexicon have their own listed forms (``lexicon_lemma`` in
:mod:`claimgraph.extract.attribution.lexicon`).
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Token

# The tagger's lemmas that stand for another word, whatever the form: "fined", "fining" -> "fin".
WRONG_LEMMAS = {"fin": "fine"}
# Forms it lemmatizes as another word: "taxes" -> "taxis", "bore" (read as a noun) -> "bore".
WRONG_FORMS = {"taxes": "tax", "bore": "bear"}
# Endings it may cut wrongly, and what the word has in their place ("fining" -> "fine", "staged" ->
# "stage"), tried in this order on a form whose lemma is not one of the words looked for.
MENDED_ENDINGS = (("ing", "e"), ("ing", ""), ("ed", "e"))


def lemma_of(token: Token) -> str:
    """The tagger's lemma, lower-case."""
    return token.lemma_.lower()


def mended_lemma(token: Token, words: Collection[str] = ()) -> str:
    """The token's lemma, mended: a listed wrong lemma or form ("fined" -> "fine", "taxes" -> "tax"), and,
    when the lemma is not one of ``words``, the word of ``words`` the form inflects ("staged" -> "stage")."""
    lemma = WRONG_FORMS.get(token.lower_) or WRONG_LEMMAS.get(lemma_of(token), lemma_of(token))
    if not words or lemma in words:
        return lemma
    form = token.lower_
    for ending, replacement in MENDED_ENDINGS:
        if form.endswith(ending) and form[:-len(ending)] + replacement in words:
            return form[:-len(ending)] + replacement
    return lemma
