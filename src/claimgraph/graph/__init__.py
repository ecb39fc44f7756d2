"""The knowledge graph: build it from the database, query it, cluster claims, export it.

* :mod:`~claimgraph.graph.build` turns the database into a ``networkx.MultiDiGraph``.
* :mod:`~claimgraph.graph.queries` holds the attribution queries (CLI, Python, Datasette).
* :mod:`~claimgraph.graph.clusters` groups the same claim reported by several outlets.
* :mod:`~claimgraph.graph.export` writes GEXF, GraphML, Cytoscape.js, D3 and CSV.
"""
