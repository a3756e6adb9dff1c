#!/usr/bin/env bash
# One command: install what is missing, then run every check and test Caliper has.
#   bash scripts/test.sh
# What .ci/run runs on a clean clone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
[ -n "${CI:-}" ] && export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { echo; echo "==> $*"; }

step "formatting"
cargo fmt --all -- --check

step "no unused dependencies (cargo machete)"
cargo machete

step "models has no Tauri dependency"
if cargo tree -p caliper-models -e normal --prefix none | grep -E '^tauri' ; then
  echo "caliper-models depends on Tauri: domain code must stay headless" >&2
  exit 1
fi

step "UI type-check and lint"
(cd ui && npm run --silent typecheck && npm run --silent lint)

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p caliper-tests --features e2e --all-targets -- -D warnings

step "build the CLI and the desktop app"
cargo build --workspace --bins

step "unit and acceptance tests (models, CLI, real portfolio files, TypeScript bindings drift)"
cargo test --workspace

step "end-to-end: the desktop app under Xvfb through WebDriver"
timeout 900 xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p caliper-tests --features e2e --test e2e -- --test-threads=1

echo
echo "All checks passed."
