#!/usr/bin/env bash
# One command: install what is missing, build, and open Caliper on the demo portfolio.
#   bash scripts/run.sh
# Headless, the same ranking from the command line:
#   cargo run --release --bin caliper -- demo demo.caliper
#   cargo run --release --bin caliper -- rank --portfolio demo.caliper --request 1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

echo "==> building the desktop app"
cargo build -p caliper-desktop

# A fresh copy of the demo portfolio each time, so the first screen is always the demo.
DATA_DIR="${CALIPER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/Caliper}"
mkdir -p "$DATA_DIR"
export CALIPER_PORTFOLIO="${CALIPER_PORTFOLIO:-$DATA_DIR/demo.caliper}"
cargo run --quiet --bin caliper -- demo "$CALIPER_PORTFOLIO" --force

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "==> no display: running under Xvfb (use a desktop session to see the window)"
  exec xvfb-run -a -s "-screen 0 1280x800x24" target/debug/caliper-desktop
fi
exec target/debug/caliper-desktop
