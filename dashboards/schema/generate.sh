#!/usr/bin/env bash
# Regenerates the JSON schemas of this folder from the Grafana Foundation SDK's TypeScript types, with the
# npm versions pinned in package.json / package-lock.json (see README.md here). Needs node and npm; the
# output is committed, so the tests never need either.
#
#   dashboards/schema/generate.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# generate.mjs runs from the work folder so that its imports resolve to the pinned node_modules there.
cp "$here/package.json" "$here/package-lock.json" "$here/generate.mjs" "$work/"
(cd "$work" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
rm -rf "$here/panels" "$here/dashboard.schema.json" "$here/targets/prometheus.schema.json"
node "$work/generate.mjs" "$work/node_modules" "$here"
