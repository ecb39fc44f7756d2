"""claimgraph's Datasette configuration: one ``datasette.yaml`` with ``settings`` and ``plugins``.

The bundled file (``claimgraph/publish/datasette.yaml``) is laid out as Datasette 1.0
expects, so moving to 1.0 means passing it with ``-c``. On 0.65,
:func:`claimgraph.publish.serve.build_datasette` passes ``settings`` to Datasette and
puts ``plugins`` into the metadata, where 0.65 looks for plugin configuration.

This module imports nothing from ``datasette.app`` at import time: the plugin imports it
while Datasette is still loading its plugins.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..yamlfile import read_yaml_file
from .public import check_profile_config

PACKAGED_CONFIG = Path(__file__).with_name("datasette.yaml")


def read_config(path: str | Path | None = None) -> dict:
    """Read a datasette.yaml (default: the bundled one) and check claimgraph's part of it."""
    path = Path(path) if path is not None else PACKAGED_CONFIG
    config = read_yaml_file(path, "config file") or {}
    if not isinstance(config, dict):
        raise InputError(f"{path}: the config must be a mapping with settings and plugins")
    from datasette.app import SETTINGS

    unknown = set(config.get("settings") or {}) - {setting.name for setting in SETTINGS}
    if unknown:
        raise InputError(f"{path}: unknown Datasette settings {sorted(unknown)}")
    check_plugin_config(((config.get("plugins") or {}).get("claimgraph")) or {}, source=str(path))
    return config


def check_plugin_config(config: dict, source: str = "plugin config") -> None:
    """Raise InputError naming the key when claimgraph's plugin configuration is malformed."""
    robots = config.get("robots", {})
    if not isinstance(robots, dict):
        raise InputError(f"{source}: plugins.claimgraph.robots must be a mapping")
    if not isinstance(robots.get("allow", False), bool):
        raise InputError(f"{source}: plugins.claimgraph.robots.allow must be true or false")
    disallow = robots.get("disallow", [])
    if not isinstance(disallow, list) or not all(isinstance(p, str) and p.startswith("/") for p in disallow):
        raise InputError(f"{source}: plugins.claimgraph.robots.disallow must be a list of paths starting with /")
    check_profile_config(config, source)
    graph = config.get("graph", {})
    for key in ("max_page_nodes", "max_export_nodes", "default_depth"):
        value = graph.get(key, 1)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InputError(f"{source}: plugins.claimgraph.graph.{key} must be a positive whole number")
