#!/usr/bin/env bash
# Build a database from the demo data and the test fixture corpus with the installed claimgraph:
# the reference that scripts/diff_databases.py compares a refactored build against.
#   bash scripts/build_reference_db.sh out.db
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"
rm -f "$out"
claimgraph="${CLAIMGRAPH:-.venv/bin/claimgraph}"
"$claimgraph" ingest "$out" data/articles tests/fixtures/corpus >/dev/null
for f in data/evidence/delegated-apnic-excerpt.txt data/evidence/published-figures.yml data/evidence/ripestat/* data/evidence/mrt/*; do
  case "$f" in *.md|*README*|*PROVENANCE*|*LICEN*) continue;; esac
  "$claimgraph" evidence import "$out" "$f" >/dev/null || true
done
"$claimgraph" extract "$out" >/dev/null
"$claimgraph" link "$out" >/dev/null
