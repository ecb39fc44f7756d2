"""Copy the table and column descriptions of src/claimgraph/db.py into metadata.json and its packaged copy.

Usage: .venv/bin/python scripts/sync_metadata.py [metadata.json]
"""

import sys
from pathlib import Path

from claimgraph.publish.metadata import write_synced

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "metadata.json"
for path in write_synced(root):
    print(f"wrote {path}")
