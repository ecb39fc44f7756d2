"""The link stage on Dask: the same verdicts and clusters as a single-process run.

``claimgraph link DB --dask [SCHEDULER]`` (:func:`~claimgraph.link.run_link` with a client)
reads the database in this process, computes on the cluster and writes here, in the
single-process order, so the rows (and ids) are those of a single-process run:

* **verdicts**: a claim's frames depend on each other and on the measured events of its
  subjects, nothing else; the claims (in id order) go ``partition_size`` to a task with the
  events of their subjects, and the tasks' frames and verdicts are put back in claim order
  before :func:`~claimgraph.link.verdicts.save_verdicts` writes them (it checks the few
  address-count claims itself);
* **clusters**: each story (the claims about one attribute of one measured event) and each
  group of claims of one type joined by a chain of shared actors
  (:func:`~claimgraph.link.clusters.actor_groups`) is clustered on its own; groups go to tasks
  of about ``partition_size`` claims, and the clusters are written in the single-process order
  (stories, then each type's clusters in the order they opened). With ``--previous`` the
  previous period's claims join the pieces as in a single-process run, and what is written
  about them is decided here, as there.

The database is read and written by this process alone, so the stage's reading (claims,
mentions and article texts for the subjects of claims) does not shrink with workers: see
docs/scale.md for when ``--dask`` pays for itself.
"""

from __future__ import annotations

import sqlite_utils
from dask.distributed import Client

DEFAULT_CLAIMS_PER_PARTITION = 5000


def link_claims_dask(db: sqlite_utils.Database, client: Client, force: bool = False,
                     partition_size: int = DEFAULT_CLAIMS_PER_PARTITION) -> dict[str, int]:
    """:func:`~claimgraph.link.verdicts.link_claims` with the frames built and checked on the cluster."""
    from ..db import ensure_db_shape
    from ..distributed import RETRIES, chunks
    from .events import read_events
    from .frame_store import read_frame_inputs
    from .verdicts import save_verdicts

    ensure_db_shape(db)
    inputs, errors = read_frame_inputs(db)
    events = read_events(db)
    checks = [client.submit(_check_frames, Sealed((part, _events_of(part, events))), retries=RETRIES, pure=False)
              for part in chunks(inputs, partition_size)]
    return save_verdicts(db, [item for check in checks for item in check.result()], errors, force)


def cluster_claims_dask(db: sqlite_utils.Database, client: Client, previous=None,
                        partition_size: int = DEFAULT_CLAIMS_PER_PARTITION) -> int:
    """:func:`~claimgraph.link.clusters.cluster_claims` with each story and actor group clustered on the cluster."""
    from ..distributed import RETRIES, chunks
    from .clusters import actor_groups, cluster_inputs, read_cluster_inputs, save_clusters

    chunks((), partition_size)  # validates the size
    claims, stories, framed, outlet_names, earlier_ids = read_cluster_inputs(db, previous)
    story_groups, word_groups = cluster_inputs(claims, stories, framed)
    # the single-process order: stories by their first report, then each type's clusters as they open
    parts = [((0,), "story", group) for group in story_groups]
    parts += [((1, rank), "words", group) for rank, of_type in enumerate(word_groups) for group in actor_groups(of_type)]
    names = client.scatter([outlet_names], broadcast=True)[0]
    tasks = []
    for batch in _batches(parts, partition_size):
        story_rows = {claim.id: stories[claim.id] for _, kind, group in batch if kind == "story" for claim in group}
        tasks.append(client.submit(cluster_batch, Sealed((batch, story_rows)), names, retries=RETRIES, pure=False))
    found = sorted((item for task in tasks for item in task.result()), key=lambda item: item[0])
    by_id = {claim.id: claim for claim in claims}
    return save_clusters(db, [([by_id[i] for i in members], row) for _, row, members in found], previous, earlier_ids)


class Sealed:
    """A task's data, which Dask passes on as one object.

    Dask walks nested lists and dicts given to ``submit`` in search of futures: for the rows
    of 20,000 articles that took 7 of the writer's 12 s of CPU.
    """

    def __init__(self, value):
        self.value = value


def _check_frames(sealed: Sealed) -> list[tuple]:
    from .verdicts import check_frames

    return check_frames(*sealed.value)


def cluster_batch(sealed: Sealed, outlet_names: dict[str, str]) -> list[tuple]:
    """On a worker: ``(order key, claim_clusters row, member ids)`` of each cluster of the batch's groups.

    ``sealed`` holds the batch's groups and the story frames of their claims. The key sorts
    clusters as the single-process run writes them: stories first, then by claim type, each
    cluster at the place of its first report.
    """
    from .clusters import clusters_of, stories_of

    batch, stories = sealed.value
    found = []
    for prefix, kind, group in batch:
        made = stories_of(group, stories, outlet_names) if kind == "story" else clusters_of(group, outlet_names)
        found.extend(((*prefix, members[0].order), row, [m.id for m in members]) for members, row in made)
    return found


def _events_of(inputs: list[tuple], events: dict) -> dict:
    """The measured events of the subjects of these claims."""
    return {key: events[key] for _, _, keys, _ in inputs for key in keys if key in events}


def _batches(parts: list[tuple], size: int) -> list[list[tuple]]:
    """Groups packed in order into batches of about ``size`` claims; a larger group is a batch of its own."""
    batches: list[list[tuple]] = []
    claims = size
    for part in parts:
        if claims + len(part[2]) > size:
            batches.append([])
            claims = 0
        batches[-1].append(part)
        claims += len(part[2])
    return batches
