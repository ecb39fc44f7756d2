"""Who said what: the ``claimgraph_quotes`` component, split by concern.

* :mod:`.lexicon` (data in ``lexicon.yml``): cue words, their frames and claim types;
* :mod:`.syntax`: shared helpers over the parse (subjects, noun phrases, content ranges);
* :mod:`.verb_frames` and :mod:`.noun_frames`: reported speech from the parse, as ordered rule tables;
* :mod:`.quote_marks`: quotation marks, the cues around them, split quotes;
* :mod:`.speakers`: speaker phrases resolved to actors, cue-less quotes;
* :mod:`.component`: the component and the order of its passes (see its docstring).
"""
