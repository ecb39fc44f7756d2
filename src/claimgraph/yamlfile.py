"""Reading a YAML file that a user hands claimgraph (a gazetteer, a Datasette config, a provenance list).

Every way such a file can fail to load is a one-line InputError that names the file and what it
was meant to be; checking the shape of what loaded is the caller's job.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


def read_yaml_file(path: Path, what: str) -> object:
    """The document in ``path`` (None for an empty file); ``what`` names the file in errors ("gazetteer")."""
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read {what} ({error.strerror or error})") from None
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: {what} is not UTF-8 text ({error.reason} at byte {error.start})") from None
    except yaml.YAMLError as error:
        raise InputError(f"{path}: {what} is not valid YAML ({error})") from None
