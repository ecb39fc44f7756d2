#!/usr/bin/env bash
# Install claimgraph, build demo.db from data/ and serve it on http://127.0.0.1:${PORT:-8001}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/claimgraph demo --db demo.db --port "${PORT:-8001}" "$@"
