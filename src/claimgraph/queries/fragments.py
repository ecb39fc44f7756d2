"""SQL pieces shared by the query catalogue and the Datasette pages, so both join and filter alike.

Tables keep their own names (``claims``, ``articles``, ``outlets``, ``statements``) and the
actors of a claim are joined as ``source``, ``subject`` and ``object``, the speaker of a
statement as ``speaker``. The conditions take ``actors``: SQL for a set of actor ids, either
a subquery such as :func:`claimgraph.names.actor_match` or a single ``:id``.
"""

from __future__ import annotations

# a claim's outlet and its source, subject and object actors (after ``claims`` and ``articles``)
CLAIM_JOINS = """left join outlets on outlets.id = articles.outlet_id
  left join actors as source on source.id = claims.source_actor_id
  left join actors as subject on subject.id = claims.subject_id
  left join actors as object on object.id = claims.object_id"""

# a statement's article, outlet and speaker
STATEMENT_JOINS = """join articles on articles.id = statements.article_id
  left join outlets on outlets.id = articles.outlet_id
  left join actors as speaker on speaker.id = statements.speaker_id"""

# Claim types whose subject is what the claim is about ("North Korea was offline for 9 hours").
# In the other types the subject acts (accuses, denies, threatens, ...): the claim is about its object.
SUBJECT_IS_TOPIC = ("reports_measurement", "states")


def claims_about(actors: str) -> str:
    """A condition on ``claims``: the claim is about one of ``actors`` and none of them made it.

    About means directed at (the object: the accused, the threatened) or, for the types in
    :data:`SUBJECT_IS_TOPIC`, reported of (the subject). What an actor says of itself ("we had
    nothing to do with it") is not said about it.
    """
    types = ", ".join(f"'{name}'" for name in SUBJECT_IS_TOPIC)
    return (
        f"(claims.object_id in ({actors}) or (claims.type in ({types}) and claims.subject_id in ({actors})))"
        f" and coalesce(claims.source_actor_id, '') not in ({actors})"
    )


def claims_by(actors: str) -> str:
    """A condition on ``claims``: one of ``actors`` made the claim (its source)."""
    return f"claims.source_actor_id in ({actors})"


def statements_by(actors: str) -> str:
    """A condition on ``statements``: one of ``actors`` said it."""
    return f"statements.speaker_id in ({actors})"


# One verdict per checked claim (columns ``claim_id``, ``verdict``), from all its claim_evidence rows:
# ``mixed`` when measurements both support and contradict it, else contradicts, supports or inconclusive.
# A claim is never shown as supported while a measurement contradicts it.
CLAIM_VERDICTS = """select claim_id,
    case when sum(verdict = 'supports') > 0 and sum(verdict = 'contradicts') > 0 then 'mixed'
         when sum(verdict = 'contradicts') > 0 then 'contradicts'
         when sum(verdict = 'supports') > 0 then 'supports'
         else 'inconclusive' end as verdict
  from claim_evidence group by claim_id"""
