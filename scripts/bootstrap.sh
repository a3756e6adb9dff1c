#!/usr/bin/env bash
# Installs what Caliper needs on a Debian/Ubuntu machine, then builds the web UI.
# Idempotent: each step is skipped when already done. Sourced by run.sh and test.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# System packages: WebKitGTK and friends for the Tauri window, Xvfb and WebKitWebDriver
# for the end-to-end test, poppler/qpdf/imagemagick for report checks and screenshots.
APT_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libsoup-3.0-dev
  xvfb webkit2gtk-driver
  poppler-utils qpdf imagemagick fonts-dejavu-core
)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "Caliper needs a current Rust toolchain (1.89 or newer): install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
fi

# The pinned toolchain (rust-toolchain.toml). Machines whose stable toolchain is that very
# release get it linked under its version, so rustup never tries to download it.
PINNED="$(sed -n 's/^channel = "\(.*\)"/\1/p' "$ROOT/rust-toolchain.toml")"
if ! rustup toolchain list 2>/dev/null | grep -q "^$PINNED"; then
  if rustc +stable --version 2>/dev/null | grep -q "^rustc $PINNED "; then
    rustup toolchain link "$PINNED" "$(rustc +stable --print sysroot)"
  else
    # No way to fetch the pinned release here: build with the machine's stable toolchain.
    echo "==> Rust $PINNED (rust-toolchain.toml) is not installed; using the stable toolchain" >&2
    export RUSTUP_TOOLCHAIN=stable
  fi
fi

# cargo-machete: the unused-dependency check of scripts/test.sh.
if ! command -v cargo-machete >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo-machete" ]; then
  echo "==> installing cargo-machete"
  (cd / && cargo install cargo-machete --locked --quiet)
fi

# NumPy: the peer the sensitivity benchmark compares against (benches/smaa_numpy.py).
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import numpy" >/dev/null 2>&1; then
  echo "==> installing NumPy (benchmark peer)"
  python3 -m pip install --quiet numpy 2>/dev/null || $SUDO apt-get install -y -qq python3-numpy >/dev/null || true
fi

# highspy (HiGHS's Python interface): the peer the capital plan benchmark compares against
# (benches/plan_highspy.py).
if command -v python3 >/dev/null 2>&1 && ! python3 -c "import highspy" >/dev/null 2>&1; then
  echo "==> installing highspy (benchmark peer)"
  python3 -m pip install --quiet highspy 2>/dev/null || true
fi

# tauri-driver bridges WebDriver to WebKitWebDriver for the end-to-end test.
if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi
export PATH="$HOME/.cargo/bin:$PATH"

# The web UI: npm packages from the lockfile, then the bundle the app embeds.
cd "$ROOT/ui"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "==> building the UI"
npm run --silent build
cd "$ROOT"
