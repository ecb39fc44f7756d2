"""Exceptions that claimgraph raises for problems a user can cause.

Each message names the input it is about, so the CLI can print it as one line.
Anything else is a bug and is allowed to raise with a traceback.
"""


class ClaimgraphError(Exception):
    """Base class: a problem with the user's input or environment, with a one-line message."""


class InputError(ClaimgraphError):
    """An input file, URL or record could not be read or understood."""


class ModelNotFound(ClaimgraphError):
    """The spaCy model that extraction needs is not installed."""


class EvidenceFormatError(InputError):
    """An evidence file is malformed; the message names the file and the line or offset."""


class DatabaseLocked(ClaimgraphError):
    """Another process kept the database's write lock for longer than claimgraph waits."""
