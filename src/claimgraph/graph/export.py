"""Write the knowledge graph in the formats journalists' tools open.

=========  ===========================  ==========================================
format     opens in                     shape
=========  ===========================  ==========================================
gexf       Gephi                        GEXF 1.2, typed node and edge attributes
graphml    yEd, Cytoscape desktop       GraphML with typed ``<key>`` declarations
cytoscape  Cytoscape.js, Cytoscape      ``{"elements": {"nodes": [{"data": …}], "edges": […]}}``
d3         D3 force layouts, networkx   node-link JSON: ``{"nodes": […], "links": […]}``
csv        Kumu, Flourish, Neo4j        two files, nodes and edges (see :data:`CSV_STYLES`)
=========  ===========================  ==========================================

``claimreview`` (schema.org ClaimReview JSON-LD of the checked claims) is registered here
too, so the CLI offers it, but is written by :mod:`claimgraph.graph.claimreview`.

Every writer is a generator of ``bytes`` (:func:`stream_graph`) that walks the graph once
per part and never builds the whole document in memory, so a web route can stream an
export and the CLI can write one of any size. Attributes are sanitised for each format:
values are str, int, float or bool (anything else becomes text), missing values are left
out, each attribute gets one type per format (int and float together become float; any
other mix becomes text), and text loses the control characters XML forbids.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import InputError

if TYPE_CHECKING:  # the CLI reads FORMATS for its choices without loading networkx
    import networkx as nx


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name (``--format``), media type and file extension."""

    name: str
    media_type: str
    extension: str
    description: str


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("gexf", "application/gexf+xml", ".gexf", "GEXF 1.2 for Gephi"),
        ExportFormat("graphml", "application/graphml+xml", ".graphml", "GraphML for yEd and Cytoscape desktop"),
        ExportFormat("cytoscape", "application/json", ".cyjs", "Cytoscape.js elements JSON"),
        ExportFormat("d3", "application/json", ".json", "D3 node-link JSON (nodes + links)"),
        ExportFormat("csv", "text/csv", ".csv", "Nodes and edges tables for Kumu, Flourish and Neo4j"),
        # made from the checked claims, not from the graph: see claimgraph.graph.claimreview
        ExportFormat("claimreview", "application/ld+json", ".jsonld", "schema.org ClaimReview JSON-LD of checked claims"),
    )
}

# formats written by claimgraph.graph.claimreview from the database rather than from a graph
CLAIM_FORMATS = ("claimreview",)


@dataclass(frozen=True)
class CsvStyle:
    """Column headers for the CSV nodes and edges tables, as one tool documents them.

    ``edge_id`` may be None (the tool has no column for it). Further attributes follow as
    columns named after them.
    """

    name: str
    node_id: str
    node_label: str
    node_kind: str
    edge_id: str | None
    edge_source: str
    edge_target: str
    edge_kind: str
    edge_label: str
    title_kinds: bool = False

    def headers(self) -> str:
        """The identifying headers of both tables, e.g. ``ID,Label,Type / ID,From,To,Type``."""
        edges = [self.edge_id] if self.edge_id else []
        return f"{self.node_id},{self.node_label},{self.node_kind} / {','.join([*edges, self.edge_source, self.edge_target, self.edge_kind])}"


CSV_STYLES: dict[str, CsvStyle] = {
    style.name: style
    for style in (
        # Kumu: an "ID" first column lets From/To refer to ids, and keeps parallel connections apart.
        # Flourish binds columns by choice, and Neo4j LOAD CSV WITH HEADERS reads any header.
        CsvStyle("kumu", "ID", "Label", "Type", "ID", "From", "To", "Type", "Label"),
        # Flourish's network template names its columns Source/Target (links) and ID/Group (points).
        CsvStyle("flourish", "ID", "Label", "Group", None, "Source", "Target", "Type", "Label"),
        # neo4j-admin database import: :ID, :LABEL, :START_ID, :END_ID, :TYPE (also fine for LOAD CSV).
        CsvStyle("neo4j", "id:ID", "label", ":LABEL", None, ":START_ID", ":END_ID", ":TYPE", "label", title_kinds=True),
    )
}

CSV_PARTS = ("nodes", "edges")


def write_graph(graph: nx.MultiDiGraph, fmt: str, output: Path | None, *, csv_style: str = "kumu") -> list[Path]:
    """Write ``graph`` as ``fmt`` to ``output`` (stdout when None) and return the files written.

    For ``csv``, ``output`` names two files, ``nodes`` and ``edges`` (see :func:`csv_paths`).
    """
    export_format = get_format(fmt)
    if export_format.name == "csv":
        if output is None:
            raise InputError("--format csv writes two files (nodes and edges): give -o PREFIX or -o FOLDER/")
        written = []
        for part, path in csv_paths(output).items():
            _write_chunks(stream_graph(graph, "csv", part, csv_style=csv_style), path)
            written.append(path)
        return written
    if output is None:
        for chunk in stream_graph(graph, fmt):
            sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        return []
    _write_chunks(stream_graph(graph, fmt), Path(output))
    return [Path(output)]


def csv_paths(output: Path) -> dict[str, Path]:
    """Where the CSV nodes and edges tables go for ``-o output``.

    * ``story_`` or ``story-`` (a prefix): ``story_nodes.csv``, ``story_edges.csv``
    * ``story.csv``: ``story_nodes.csv``, ``story_edges.csv``
    * ``nk`` or ``nk/`` (a folder, created if needed): ``nk/nodes.csv``, ``nk/edges.csv``
    """
    output = Path(output)
    if output.name.endswith(("_", "-")):
        return {part: output.with_name(f"{output.name}{part}.csv") for part in CSV_PARTS}
    if output.suffix.lower() == ".csv":
        return {part: output.with_name(f"{output.stem}_{part}.csv") for part in CSV_PARTS}
    if output.exists() and not output.is_dir():
        raise InputError(
            f"{output}: is a file, and --format csv writes two files; give a folder, a prefix ending in _ or -, or NAME.csv"
        )
    return {part: output / f"{part}.csv" for part in CSV_PARTS}


def _write_chunks(chunks: Iterable[bytes], path: Path) -> None:
    """Write (or overwrite, as sqlite-utils' ``-o`` does) ``path``; folders above it are created."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fp:
            for chunk in chunks:
                fp.write(chunk)
    except OSError as error:
        raise InputError(f"{path}: cannot write the export ({error.strerror or error})") from None


def get_format(fmt: str) -> ExportFormat:
    """The export format called ``fmt``; an unknown name raises an error listing the formats."""
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InputError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}") from None


def stream_graph(
    graph: nx.MultiDiGraph, fmt: str, part: str | None = None, *, csv_style: str = "kumu"
) -> Iterator[bytes]:
    """The export of ``graph`` as ``fmt``, in chunks of UTF-8 bytes.

    ``part`` is only for ``csv``, which is two tables: ``"nodes"`` or ``"edges"``.
    """
    name = get_format(fmt).name
    if name == "csv":
        if part not in CSV_PARTS:
            raise InputError(f"csv export needs part 'nodes' or 'edges', not {part!r}")
        if csv_style not in CSV_STYLES:
            raise InputError(f"unknown csv style {csv_style!r}; styles: {', '.join(CSV_STYLES)}")
        style = CSV_STYLES[csv_style]
        rows = _csv_nodes(graph, style) if part == "nodes" else _csv_edges(graph, style)
        return _encode(_csv_lines(rows))
    if part is not None:
        raise InputError(f"{name} export is one document; part {part!r} is only for csv")
    if name in CLAIM_FORMATS:
        raise InputError(f"{name} is made from the checked claims, not from a graph (claimgraph.graph.claimreview)")
    writers = {"gexf": _gexf, "graphml": _graphml, "cytoscape": _cytoscape, "d3": _d3}
    return _encode(writers[name](graph))


def _encode(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """Join small strings into chunks of about ``size`` characters, encoded as UTF-8."""
    buffer: list[str] = []
    length = 0
    for piece in pieces:
        buffer.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


# --------------------------------------------------------------------------- attributes

# characters XML 1.0 cannot hold, and lone surrogates, which no UTF-8 output can
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPECIAL = re.compile('[&<>"\n\r\t]')
_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def quoteattr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value (newlines kept as character references)."""
    if _XML_SPECIAL.search(text) is None:
        return f'"{text}"'
    return '"' + _XML_SPECIAL.sub(lambda match: _XML_ESCAPES[match.group()], text) + '"'


def escape(text: str) -> str:
    """``text`` as XML character data."""
    if _XML_SPECIAL.search(text) is None:
        return text
    return _XML_SPECIAL.sub(lambda match: _XML_ESCAPES[match.group()] if match.group() in "&<>" else match.group(), text)


def clean_value(value: object) -> str | int | float | bool | None:
    """A value every format can hold: None for missing or non-finite, text for anything odd."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return _XML_FORBIDDEN.sub("", value)
    if isinstance(value, (list, tuple, set, dict)):
        return _XML_FORBIDDEN.sub("", json.dumps(sorted(value) if isinstance(value, set) else value,
                                                  ensure_ascii=False, default=str))
    return _XML_FORBIDDEN.sub("", str(value))


def _attrs(data: dict) -> dict:
    cleaned = {key: clean_value(value) for key, value in data.items()}
    return {key: value for key, value in cleaned.items() if value is not None}


def attribute_types(items: Iterable[dict]) -> dict[str, type]:
    """One type per attribute over all ``items``: bool, int, float (int + float) or str (any other mix)."""
    seen: dict[str, set[type]] = {}
    for data in items:
        for key, value in data.items():
            value = clean_value(value)
            if value is not None:
                seen.setdefault(key, set()).add(type(value))
    types = {}
    for key, kinds in seen.items():
        if len(kinds) == 1:
            types[key] = kinds.pop()
        elif kinds == {int, float}:
            types[key] = float
        else:
            types[key] = str
    return types


def _as(value: object, kind: type) -> str:
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return repr(float(value))
    return str(value)


def _node_attrs(graph: nx.MultiDiGraph) -> Iterator[tuple[str, dict]]:
    for node, data in graph.nodes(data=True):
        yield _clean_id(node), _attrs(data)


def _edge_attrs(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict]]:
    """Edges with their export id (``e0``, ``e1``, … in graph order) and clean attributes."""
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        yield f"e{number}", _clean_id(source), _clean_id(target), _attrs(data)


def _clean_id(node: object) -> str:
    return _XML_FORBIDDEN.sub("", str(node))


# --------------------------------------------------------------------------- GEXF

_GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _gexf(graph: nx.MultiDiGraph) -> Iterator[str]:
    node_types = attribute_types(data for _, data in graph.nodes(data=True))
    edge_types = attribute_types(data for _, _, data in graph.edges(data=True))
    node_types.pop("label", None)
    edge_types.pop("label", None)
    node_ids = {key: str(i) for i, key in enumerate(node_types)}
    edge_ids = {key: str(i) for i, key in enumerate(edge_types)}
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
    yield "  <meta><creator>claimgraph</creator><description>claimgraph knowledge graph</description></meta>\n"
    yield '  <graph defaultedgetype="directed" mode="static">\n'
    for cls, types, ids in (("node", node_types, node_ids), ("edge", edge_types, edge_ids)):
        yield f'    <attributes class="{cls}" mode="static">\n'
        for key, kind in types.items():
            yield f"      <attribute id={quoteattr(ids[key])} title={quoteattr(key)} type=\"{_GEXF_TYPES[kind]}\"/>\n"
        yield "    </attributes>\n"
    yield "    <nodes>\n"
    for node, data in _node_attrs(graph):
        label = quoteattr(str(data.pop("label", node)))
        yield f"      <node id={quoteattr(node)} label={label}>{_gexf_values(data, node_types, node_ids)}</node>\n"
    yield "    </nodes>\n    <edges>\n"
    for edge_id, source, target, data in _edge_attrs(graph):
        label = data.pop("label", None)
        label_attr = f" label={quoteattr(str(label))}" if label is not None else ""
        yield (
            f"      <edge id=\"{edge_id}\" source={quoteattr(source)} target={quoteattr(target)}{label_attr}>"
            f"{_gexf_values(data, edge_types, edge_ids)}</edge>\n"
        )
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _gexf_values(data: dict, types: dict, ids: dict) -> str:
    values = "".join(
        f"<attvalue for={quoteattr(ids[key])} value={quoteattr(_as(value, types[key]))}/>"
        for key, value in data.items()
    )
    return f"<attvalues>{values}</attvalues>" if values else ""


# --------------------------------------------------------------------------- GraphML

_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _graphml(graph: nx.MultiDiGraph) -> Iterator[str]:
    node_types = attribute_types(data for _, data in graph.nodes(data=True))
    edge_types = attribute_types(data for _, _, data in graph.edges(data=True))
    node_keys = {key: f"n{i}" for i, key in enumerate(node_types)}
    edge_keys = {key: f"e{i}" for i, key in enumerate(edge_types)}
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    for target, types, keys in (("node", node_types, node_keys), ("edge", edge_types, edge_keys)):
        for key, kind in types.items():
            yield (
                f"  <key id=\"{keys[key]}\" for=\"{target}\" attr.name={quoteattr(key)} "
                f"attr.type=\"{_GRAPHML_TYPES[kind]}\"/>\n"
            )
    yield '  <graph id="claimgraph" edgedefault="directed">\n'
    for node, data in _node_attrs(graph):
        yield f"    <node id={quoteattr(node)}>{_graphml_data(data, node_types, node_keys)}</node>\n"
    for edge_id, source, target, data in _edge_attrs(graph):
        yield (
            f"    <edge id=\"{edge_id}\" source={quoteattr(source)} target={quoteattr(target)}>"
            f"{_graphml_data(data, edge_types, edge_keys)}</edge>\n"
        )
    yield "  </graph>\n</graphml>\n"


def _graphml_data(data: dict, types: dict, keys: dict) -> str:
    return "".join(f"<data key=\"{keys[key]}\">{escape(_as(value, types[key]))}</data>" for key, value in data.items())


# --------------------------------------------------------------------------- JSON


def _typed(data: dict, types: dict) -> dict:
    """Attributes converted to their one type per attribute, so JSON columns are consistent."""
    return {key: value if types[key] is not str else str(value) for key, value in data.items()}


def _cytoscape(graph: nx.MultiDiGraph) -> Iterator[str]:
    node_types = attribute_types(data for _, data in graph.nodes(data=True))
    edge_types = attribute_types(data for _, _, data in graph.edges(data=True))
    yield '{"format_version": "1.0", "generated_by": "claimgraph", "target_cytoscapejs_version": "~3", '
    yield '"data": {"name": "claimgraph"}, "elements": {"nodes": [\n'
    separator = ""
    for node, data in _node_attrs(graph):
        element = {"data": {**_typed(data, node_types), "id": node}}
        yield separator + json.dumps(element, ensure_ascii=False)
        separator = ",\n"
    yield '\n], "edges": [\n'
    separator = ""
    for edge_id, source, target, data in _edge_attrs(graph):
        element = {"data": {**_typed(data, edge_types), "id": edge_id, "source": source, "target": target}}
        yield separator + json.dumps(element, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}}\n"


def _d3(graph: nx.MultiDiGraph) -> Iterator[str]:
    node_types = attribute_types(data for _, data in graph.nodes(data=True))
    edge_types = attribute_types(data for _, _, data in graph.edges(data=True))
    yield '{"directed": true, "multigraph": true, "graph": {"name": "claimgraph"}, "nodes": [\n'
    separator = ""
    for node, data in _node_attrs(graph):
        yield separator + json.dumps({**_typed(data, node_types), "id": node}, ensure_ascii=False)
        separator = ",\n"
    yield '\n], "links": [\n'
    separator = ""
    for edge_id, source, target, data in _edge_attrs(graph):
        link = {**_typed(data, edge_types), "source": source, "target": target, "key": edge_id}
        yield separator + json.dumps(link, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


# --------------------------------------------------------------------------- CSV


def _csv_nodes(graph: nx.MultiDiGraph, style: CsvStyle) -> Iterator[list]:
    extra = [key for key in attribute_types(data for _, data in graph.nodes(data=True)) if key not in ("label", "kind")]
    yield [style.node_id, style.node_label, style.node_kind, *extra]
    for node, data in _node_attrs(graph):
        kind = data.get("kind", "")
        yield [node, data.get("label", node), kind.title() if style.title_kinds else kind,
               *(_csv_cell(data.get(key)) for key in extra)]


def _csv_edges(graph: nx.MultiDiGraph, style: CsvStyle) -> Iterator[list]:
    extra = [key for key in attribute_types(data for _, _, data in graph.edges(data=True)) if key not in ("label", "kind")]
    head = [style.edge_source, style.edge_target, style.edge_kind, style.edge_label, *extra]
    yield [style.edge_id, *head] if style.edge_id else head
    for edge_id, source, target, data in _edge_attrs(graph):
        kind = data.get("kind", "")
        row = [source, target, kind.upper() if style.title_kinds else kind, data.get("label", ""),
               *(_csv_cell(data.get(key)) for key in extra)]
        yield [edge_id, *row] if style.edge_id else row


def _csv_cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _csv_lines(rows: Iterable[list]) -> Iterator[str]:
    buffer = io.StringIO()
    # RFC 4180 line ends: with a bare "\n" terminator the csv module leaves a lone "\r" in a value unquoted
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
