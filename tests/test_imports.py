"""The modules of claimgraph import each other one way: no cycle, lazy imports included.

The graph is read from the source (every ``import`` statement, at module level or inside a
function), so an import placed inside a function to dodge a cycle still counts: such a
cycle works at run time but hides which module depends on which. A package's
``__init__`` is a module like any other; importing ``a.b`` is not counted as importing
``a``, or every package that re-exports its submodules would be a cycle.
"""

import ast
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parent.parent / "src"


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, src: Path, modules: set[str]) -> set[str]:
    """The modules in ``modules`` that ``path`` imports: ``from a import b`` is ``a.b`` if that is a module, else ``a``."""
    name = module_name(path, src)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.update(f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module for alias in node.names)
    return (found & modules) - {name}


def import_graph(package: Path, src: Path) -> nx.DiGraph:
    paths = {module_name(path, src): path for path in package.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(paths)
    for name, path in paths.items():
        graph.add_edges_from((name, target) for target in imported_modules(path, src, set(paths)))
    return graph


def test_no_import_cycle_between_claimgraph_modules():
    graph = import_graph(SRC / "claimgraph", SRC)
    assert graph.number_of_edges() > 50
    cycles = [" -> ".join([*cycle, cycle[0]]) for cycle in nx.simple_cycles(graph)]
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


def write_package(src: Path, a_source: str) -> None:
    (src / "pkg").mkdir()
    (src / "pkg" / "__init__.py").write_text("from . import a\n")
    (src / "pkg" / "a.py").write_text(a_source)
    (src / "pkg" / "b.py").write_text("")
    (src / "other.py").write_text("")


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from . import b\n", {"pkg.b"}),
        ("from .b import thing\n", {"pkg.b"}),
        ("def f():\n    from ..other import x\n", {"other"}),
        ("import pkg.b\n", {"pkg.b"}),
        ("from pkg import thing\n", {"pkg"}),
        ("import json\n", set()),
    ],
)
def test_the_graph_sees_relative_absolute_and_lazy_imports(tmp_path, source, expected):
    write_package(tmp_path, source)
    assert imported_modules(tmp_path / "pkg" / "a.py", tmp_path, {"pkg", "pkg.a", "pkg.b", "other"}) == expected


def test_a_lazy_import_back_is_a_cycle(tmp_path):
    write_package(tmp_path, "from .b import x\n")
    (tmp_path / "pkg" / "b.py").write_text("def f():\n    from .a import y\n")
    cycles = list(nx.simple_cycles(import_graph(tmp_path / "pkg", tmp_path)))
    assert sorted(map(sorted, cycles)) == [["pkg.a", "pkg.b"]]


def test_the_cli_reads_its_registries_without_loading_spacy_or_networkx():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, claimgraph.cli; print(sorted({'spacy', 'networkx'} & set(sys.modules)))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert loaded == "[]", f"importing claimgraph.cli loads {loaded}"
