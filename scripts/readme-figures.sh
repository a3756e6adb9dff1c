#!/usr/bin/env bash
# Regenerates the README's screenshots from the current code, so they never go stale:
# the desktop app's screens come from the end-to-end screen tour (the real app on the demo
# portfolio under Xvfb), page 1 of the brief from the CLI rendered by pdftoppm.
#   bash scripts/readme-figures.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
OUT=docs/screenshots

cargo build --workspace --bins
timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p caliper-tests --features e2e --test e2e every_screen_renders_without_errors -- --test-threads=1
cp artifacts/screen-request-1-ranking.png "$OUT/ranking.png"
cp artifacts/screen-request-1-compatibility.png "$OUT/compatibility.png"
cp artifacts/screen-request-1-lifecycle.png "$OUT/lifecycle.png"
cp artifacts/screen-request-1-sensitivity.png "$OUT/sensitivity.png"
timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p caliper-tests --features e2e --test e2e a_budget_set_in_the_app -- --test-threads=1
cp artifacts/e2e-capital-plan.png "$OUT/capital-plan.png"
timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p caliper-tests --features e2e --test e2e an_export_imported_through -- --test-threads=1
cp artifacts/e2e-inventory.png "$OUT/inventory.png"
cp artifacts/e2e-inventory-mapping.png "$OUT/inventory-import.png"
cp artifacts/e2e-inventory-forecast.png "$OUT/inventory-forecast.png"
timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p caliper-tests --features e2e --test e2e a_sample_message_checked -- --test-threads=1
cp artifacts/e2e-evidence-other-device.png "$OUT/evidence.png"
timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p caliper-tests --features e2e --test e2e group_view_adds_two_members -- --test-threads=1
cp artifacts/e2e-group-benchmark.png "$OUT/group.png"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/debug/caliper demo "$work/demo.caliper" >/dev/null
target/debug/caliper brief --portfolio "$work/demo.caliper" --request 1 \
  --out "$work/brief.pdf" --as-of 2026-11-25 >/dev/null
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$work/brief.pdf" "$OUT/brief-page1"
echo "README figures written to $OUT"
