"""The knowledge graph: build it from the database and export it.

* :mod:`~claimgraph.graph.build` turns the database into a ``networkx.MultiDiGraph``.
* :mod:`~claimgraph.graph.export` writes GEXF, GraphML, Cytoscape.js, D3 and CSV.
"""
