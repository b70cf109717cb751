#!/usr/bin/env bash
# Runs every fuzz target for a short, bounded time (default 20 s each) from the committed seed
# corpus. Fails on the first crash, leaving the input in fuzz/artifacts/TARGET/.
#
#   scripts/fuzz-smoke.sh                 # all targets, 20 s each
#   FUZZ_SECONDS=60 scripts/fuzz-smoke.sh check
#   FUZZ_SANITIZER=address scripts/fuzz-smoke.sh   # ASan (needs nightly or RUSTC_BOOTSTRAP=1)
set -euo pipefail

cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-20}"
sanitizer="${FUZZ_SANITIZER:-none}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

env=()
if [ "$sanitizer" != none ]; then
    # libFuzzer's sanitizers need unstable flags; allow them on a stable toolchain.
    env=(RUSTC_BOOTSTRAP=1)
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo fuzz list)
fi

for target in "${targets[@]}"; do
    # New inputs go to a scratch directory (git-ignored); the seeds stay as committed.
    work="corpus-work/$target"
    mkdir -p "$work" "corpus/$target"
    echo "fuzz-smoke: $target for ${seconds}s (sanitizer: $sanitizer)" >&2
    # calamine (which this target still reaches for XLS, XLSB and ODS) does arithmetic that
    # wraps on overflow in release builds, ours included; its XLSX cell references did, under
    # cargo-fuzz's default overflow checks. So the spreadsheet target runs as shipped (-O).
    build=()
    if [ "$target" = xlsx ]; then
        build=(-O)
    fi
    log="logs/smoke-$target.log"
    mkdir -p logs
    if ! env "${env[@]}" cargo fuzz run "${build[@]}" --sanitizer "$sanitizer" "$target" "$work" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        echo "fuzz-smoke: $target FAILED (input in fuzz/artifacts/$target/, log in fuzz/$log)" >&2
        exit 1
    fi
    grep -E '^stat::number_of_executed_units' "$log" | sed "s/^/fuzz-smoke: $target /" >&2 || true
done
echo "fuzz-smoke: all targets passed" >&2
