# Sourced by scripts/setup, scripts/run and scripts/test: where the tools
# that are not Rust crates live (once per machine; CI clones the repo afresh
# but keeps the machine), and which Spin CLI the scripts use.
TOOLS_DIR="${XDG_DATA_HOME:-$HOME/.local/share}/timestamp-tools"

# The wasmtime CLI: $TIMESTAMP_WASMTIME, else the one scripts/setup installs.
wasmtime_cli() {
  printf '%s\n' "${TIMESTAMP_WASMTIME:-${TOOLS_DIR}/bin/wasmtime}"
}

# The Spin CLI: $SPIN, else spin on PATH, else the one scripts/setup
# unpacks from ../shared/spin (which may be absent: test with -x).
spin_cli() {
  printf '%s\n' "${SPIN:-$(command -v spin || echo "${TOOLS_DIR}/bin/spin")}"
}

# wash (wasmCloud): $WASH, else the one scripts/setup installs.
wash_cli() {
  printf '%s\n' "${WASH:-${TOOLS_DIR}/bin/wash}"
}
