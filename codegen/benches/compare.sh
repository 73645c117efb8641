#!/usr/bin/env bash
# Our generator side by side with progenitor on the whole DCS API, on this machine, in one run.
# Writes a Markdown table of ratios (ours / progenitor) to codegen/benches/BENCHMARKS.md.
#
#   codegen/benches/compare.sh            # REPS=5 generation runs, scratch dir /tmp/dcs-bench
#   REPS=3 BENCH_DIR=/tmp/x OUT=/tmp/b.md codegen/benches/compare.sh
#
# CPU-heavy (installs progenitor's CLI, four clean builds): run by hand, never in CI.
# Everything it downloads or builds stays under BENCH_DIR; nothing is committed but the table.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/dcs-bench}
OUT=${OUT:-$ROOT/codegen/benches/BENCHMARKS.md}
REPS=${REPS:-5}
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.15.1}
mkdir -p "$WORK"
log() { echo "compare.sh: $*" >&2; }
need() { command -v "$1" >/dev/null || { log "$1 is required"; exit 1; }; }
need cargo
need jq

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }
# Runs "$@" quietly and prints its wall time in seconds; the output goes to $WORK/last.log.
timed() {
    local t0 t1
    t0=$(now)
    "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; log "failed: $*"; exit 1; }
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
# The median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }

# 1. Our tools, release build, in a target dir of their own.
log "building dcs-spec and dcs-codegen (release)"
(cd "$ROOT" && CARGO_TARGET_DIR="$WORK/target-tools" \
    cargo build --release --quiet -p dcs-spec -p dcs-codegen --bins)
DCS_SPEC="$WORK/target-tools/release/dcs-spec"
DCS_CODEGEN="$WORK/target-tools/release/dcs-codegen"
SPEC="$ROOT/spec/dcs.yaml"

# 2. The OpenAPI export, and a progenitor-compatible variant of it.
"$DCS_SPEC" openapi --spec "$SPEC" --format json --out "$WORK/dcs.openapi.json"
# Progenitor accepts one success type and one error type per operation (it fails with "more
# than one response type" otherwise). The reference documents a schema per status, so keep the
# lowest documented 2xx response and the lowest 4xx/5xx response, and drop the others; the
# number of responses dropped is reported in the table.
jq -f "$ROOT/codegen/benches/progenitor-compat.jq" "$WORK/dcs.openapi.json" >"$WORK/dcs.progenitor.json"
RESPONSES_BEFORE=$(jq '[.paths[][] | .responses | length] | add' "$WORK/dcs.openapi.json")
RESPONSES_AFTER=$(jq '[.paths[][] | .responses | length] | add' "$WORK/dcs.progenitor.json")

# 3. Progenitor's CLI from crates.io, into the scratch dir (reused when the version matches).
PROG_ROOT="$WORK/progenitor"
if ! [ -x "$PROG_ROOT/bin/cargo-progenitor" ] ||
    ! grep -q "cargo-progenitor $PROGENITOR_VERSION" "$PROG_ROOT/.crates.toml" 2>/dev/null; then
    log "installing cargo-progenitor $PROGENITOR_VERSION"
    CARGO_TARGET_DIR="$WORK/target-progenitor-install" \
        cargo install cargo-progenitor --version "$PROGENITOR_VERSION" --locked --root "$PROG_ROOT"
fi
PROGENITOR="$PROG_ROOT/bin/cargo-progenitor"

# 4. Generation time, whole API: median of REPS runs each.
log "timing generation ($REPS runs each)"
OURS="$WORK/ours"
PROG="$WORK/prog"
gen_ours() { "$DCS_CODEGEN" "$SPEC" -o "$WORK/dcs_client.rs"; }
gen_prog() {
    rm -rf "$PROG"
    "$PROGENITOR" progenitor -i "$WORK/dcs.progenitor.json" -o "$PROG" -n dcs-progenitor -v 0.1.0
}
GEN_OURS=$(for _ in $(seq "$REPS"); do timed gen_ours; echo; done | median)
GEN_PROG=$(for _ in $(seq "$REPS"); do timed gen_prog; echo; done | median)

# 5. Scratch crates. Ours: the client crate's lib.rs with the generated file beside it (instead of
# generating in build.rs), depending on the repository's runtime crate.
rm -rf "$OURS"
mkdir -p "$OURS/src"
cp "$WORK/dcs_client.rs" "$OURS/src/dcs_client.rs"
sed 's|include!(concat!(env!("OUT_DIR"), "/dcs_client.rs"));|include!("dcs_client.rs");|' \
    "$ROOT/generated/src/lib.rs" >"$OURS/src/lib.rs"
grep -q 'include!("dcs_client.rs")' "$OURS/src/lib.rs" || { log "generated/src/lib.rs changed its include!"; exit 1; }
cat >"$OURS/Cargo.toml" <<EOF
[package]
name = "dcs-ours"
version = "0.1.0"
edition = "2021"

[dependencies]
dcs-runtime = { path = "$ROOT/generated/runtime" }
futures-core = "0.3"
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }

[workspace]
EOF
grep -q '^\[workspace\]' "$PROG/Cargo.toml" || printf '\n[workspace]\n' >>"$PROG/Cargo.toml"

lines() { cat "$@" | wc -l | tr -d ' '; }
LINES_OURS=$(lines "$OURS/src/dcs_client.rs")
LINES_PROG=$(find "$PROG/src" -name '*.rs' -print0 | xargs -0 cat | wc -l | tr -d ' ')

# 6. Build times: a clean build (dependencies included), then a rebuild of the client crate
# alone after touching it (the cost of the generated code itself). Lock files are resolved once,
# before timing, so downloads are not timed.
build_times() { # dir [cargo flags…] → "clean rebuild"
    local dir=$1
    shift
    (cd "$dir" && cargo generate-lockfile --quiet && cargo fetch --quiet)
    rm -rf "$dir/target"
    local clean rebuild
    clean=$(cd "$dir" && unset CARGO_TARGET_DIR RUSTFLAGS && timed cargo build --offline "$@")
    grep -c '^ *Compiling ' "$WORK/last.log" >"$dir/crates-compiled" || true
    touch "$dir/src/lib.rs"
    rebuild=$(cd "$dir" && unset CARGO_TARGET_DIR RUSTFLAGS && timed cargo build --offline "$@")
    echo "$clean $rebuild"
}
log "building the clients (debug)"
read -r DBG_OURS DBG_OURS_RE <<<"$(build_times "$OURS")"
read -r DBG_PROG DBG_PROG_RE <<<"$(build_times "$PROG")"
CRATES_OURS=$(cat "$OURS/crates-compiled")
CRATES_PROG=$(cat "$PROG/crates-compiled")

# Ours with one operation group (`dcs-codegen --groups`) instead of all: client crate rebuild,
# debug, in the crate just built. Progenitor has no counterpart, so this row compares ours only.
GROUP=${GROUP:-Backup and Restoration}
"$DCS_CODEGEN" "$SPEC" --groups "$GROUP" -o "$OURS/src/dcs_client.rs"
LINES_GROUP=$(wc -l <"$OURS/src/dcs_client.rs" | tr -d ' ')
if GROUP_RE=$(cd "$OURS" && unset CARGO_TARGET_DIR RUSTFLAGS && timed cargo build --offline); then :; else GROUP_RE=failed; fi
cp "$WORK/dcs_client.rs" "$OURS/src/dcs_client.rs"
log "building the clients (release)"
read -r REL_OURS REL_OURS_RE <<<"$(build_times "$OURS" --release)"
read -r REL_PROG REL_PROG_RE <<<"$(build_times "$PROG" --release)"


# 7. A downstream crate that calls three operations (ListInstances, ShowInstance, CopyInstance):
# ours with every group, ours with the two groups it needs (cargo features), progenitor's. Each
# is built once (dependencies included, untimed), then the client crate and the downstream crate
# are cleaned and rebuilt: the time a user pays for the generated client plus their own crate.
DOWN="$WORK/downstream"
rm -rf "$DOWN"
mkdir -p "$DOWN/ours-all/src" "$DOWN/ours-groups/src" "$DOWN/prog/src"
cp "$ROOT/tests/downstream/src/lib.rs" "$DOWN/ours-all/src/lib.rs"
cp "$ROOT/tests/downstream/src/lib.rs" "$DOWN/ours-groups/src/lib.rs"
down_manifest() { # name, dependency lines
    printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n%s\n' "$1" "$2"
    printf 'futures-util = { version = "0.3", default-features = false, features = ["std"] }\n\n[workspace]\n'
}
down_manifest down-ours-all "dcs-client = { path = \"$ROOT/generated\" }" >"$DOWN/ours-all/Cargo.toml"
down_manifest down-ours-groups "dcs-client = { path = \"$ROOT/generated\", default-features = false, features = [\"lifecycle-management\", \"backup-and-restoration\"] }" >"$DOWN/ours-groups/Cargo.toml"
down_manifest down-prog "dcs-progenitor = { path = \"$PROG\" }" >"$DOWN/prog/Cargo.toml"
cp "$ROOT/codegen/benches/compare/downstream_progenitor.rs" "$DOWN/prog/src/lib.rs"
down_time() { # dir client-package downstream-package
    (cd "$1" && unset CARGO_TARGET_DIR RUSTFLAGS && cargo generate-lockfile --quiet && cargo build --quiet)
    (cd "$1" && unset CARGO_TARGET_DIR RUSTFLAGS && cargo clean --quiet -p "$2" -p "$3")
    (cd "$1" && unset CARGO_TARGET_DIR RUSTFLAGS && timed cargo build --offline)
}
log "building the downstream crates (debug)"
DOWN_ALL=$(down_time "$DOWN/ours-all" dcs-client down-ours-all)
DOWN_GROUPS=$(down_time "$DOWN/ours-groups" dcs-client down-ours-groups)
DOWN_PROG=$(down_time "$DOWN/prog" dcs-progenitor down-prog)
LINES_DOWN_GROUPS=$(cat "$DOWN"/ours-groups/target/debug/build/dcs-client-*/out/dcs_client.rs | wc -l | tr -d ' ')

# 8. Deserialization throughput: a ListInstances response of 1,000 instances, parsed into
# serde_json::Value, our model and progenitor's, in one release binary. The reference gives
# ListInstances no 200 example, so each instance is the document's ShowInstance 200 example (the
# same instance description), with distinct names and IDs.
TP="$WORK/throughput"
rm -rf "$TP"
mkdir -p "$TP/src"
jq '.paths["/v2/{project_id}/instances/{instance_id}"].get.responses["200"].content["application/json"].example as $one
    | if ($one | type) != "object" then error("no ShowInstance example") else . end
    | { instance_num: 1000,
        instances: [range(1000) as $i | $one | .name = "dcs-\($i)"
            | .instance_id = "\($i)-\(.instance_id // "id")"] }' \
    "$WORK/dcs.openapi.json" >"$TP/list_instances.json"
[ "$(jq '.instances | length' "$TP/list_instances.json")" = 1000 ] ||
    { log "could not build the ListInstances document"; exit 1; }
cp "$ROOT/codegen/benches/compare/throughput.rs" "$TP/src/main.rs"
printf '[package]\nname = "throughput"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n' >"$TP/Cargo.toml"
printf 'dcs-client = { path = "%s/generated" }\ndcs-progenitor = { path = "%s" }\nserde_json = "1"\n\n[workspace]\n' "$ROOT" "$PROG" >>"$TP/Cargo.toml"
log "measuring deserialization throughput (release)"
(cd "$TP" && unset CARGO_TARGET_DIR RUSTFLAGS && cargo build --release --quiet)
"$TP/target/release/throughput" "$TP/list_instances.json" >"$TP/result.txt"
cat "$TP/result.txt" >&2
DOC_BYTES=$(wc -c <"$TP/list_instances.json" | tr -d ' ')
# "name seconds count" → MB/s, or the failure.
speed() {
    awk -v n="$1" -v b="$DOC_BYTES" '$1 == n { if ($2 == "failed") { $1 = ""; $2 = ""; print "failed:" $0 } else printf "%.0f", b / $2 / 1e6 }' "$TP/result.txt"
}
TP_VALUE=$(speed value)
TP_OURS=$(speed ours)
TP_PROG=$(speed progenitor)

# 9. The table.
MARKER='<!-- notes: kept by compare.sh -->'
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
OPS=$(jq '[.paths[][]] | length' "$WORK/dcs.openapi.json")
SCHEMAS=$(jq '.components.schemas | length' "$WORK/dcs.openapi.json")
row() { echo "| $1 | $2 | $3 | $(ratio "$2" "$3") |"; }
{
    echo "# dcs-codegen vs progenitor"
    echo
    echo "Produced by \`codegen/benches/compare.sh\` on $(date -u +%Y-%m-%d) in one run on one machine."
    echo "Rerun the script rather than editing the tables; the notes below the marker are kept."
    echo
    echo "- Machine: $(nproc) CPUs, $CPU, $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GiB RAM" }')"
    echo "- Toolchain: $(rustc --version), $(cargo --version)"
    echo "- progenitor: cargo-progenitor $PROGENITOR_VERSION from crates.io"
    echo "- API: the DCS spec, $OPS operations, $SCHEMAS schemas, exported with \`dcs-spec openapi\`."
    echo "- Progenitor input: per operation, responses of a second success or error type dropped"
    echo "  (codegen/benches/progenitor-compat.jq): $RESPONSES_BEFORE responses → $RESPONSES_AFTER."
    echo "- Generation: median of $REPS runs. Builds: one run each, \`cargo build\` in a scratch"
    echo "  crate with an empty target dir (dependencies included: ours compiles $CRATES_OURS crates,"
    echo "  progenitor's $CRATES_PROG), then again after touching the client crate (client crate only)."
    echo
    echo "| measure | dcs-codegen | progenitor | ratio (ours / progenitor) |"
    echo "| --- | ---: | ---: | ---: |"
    row "generation time, whole API (s)" "$GEN_OURS" "$GEN_PROG"
    row "generated code (lines)" "$LINES_OURS" "$LINES_PROG"
    row "clean build, debug (s)" "$DBG_OURS" "$DBG_PROG"
    row "client crate rebuild, debug (s)" "$DBG_OURS_RE" "$DBG_PROG_RE"
    row "clean build, release (s)" "$REL_OURS" "$REL_PROG"
    row "client crate rebuild, release (s)" "$REL_OURS_RE" "$REL_PROG_RE"
    echo
    echo "Ratios below 1 mean ours is smaller or faster."
    echo
    echo "| ours, one group (\`--groups '$GROUP'\`) vs all groups | one group | all groups | ratio |"
    echo "| --- | ---: | ---: | ---: |"
    row "generated code (lines)" "$LINES_GROUP" "$LINES_OURS"
    row "client crate rebuild, debug (s)" "$GROUP_RE" "$DBG_OURS_RE"
    echo
    echo "A downstream crate calling three operations (\`tests/downstream\`: ListInstances, ShowInstance,"
    echo "CopyInstance), debug: dependencies built first, then the client crate and the downstream crate"
    echo "cleaned and built again (the generated client plus the user's crate)."
    echo
    echo "| downstream crate, three operations | build (s) | ratio to progenitor |"
    echo "| --- | ---: | ---: |"
    echo "| ours, every group (\`full\`, the default) | $DOWN_ALL | $(ratio "$DOWN_ALL" "$DOWN_PROG") |"
    echo "| ours, features \`lifecycle-management\` + \`backup-and-restoration\` ($LINES_DOWN_GROUPS lines) | $DOWN_GROUPS | $(ratio "$DOWN_GROUPS" "$DOWN_PROG") |"
    echo "| progenitor (whole API) | $DOWN_PROG | 1.00 |"
    echo
    echo "Deserialization of a ListInstances response with 1,000 instances ($DOC_BYTES bytes; each"
    echo "instance is the document's ShowInstance example, as ListInstances has no 200 example),"
    echo "release build, median of 25 parses:"
    echo
    echo "| into | MB/s |"
    echo "| --- | ---: |"
    echo "| \`serde_json::Value\` (floor) | $TP_VALUE |"
    echo "| dcs-client \`models::ListInstancesResponse\` | $TP_OURS |"
    echo "| progenitor \`types::ListInstancesResponse\` | $TP_PROG |"
    # A hand-written note below the marker survives reruns.
    echo
    echo "$MARKER"
    if [ -f "$OUT" ]; then sed -n "/^$MARKER\$/,\$p" "$OUT" | tail -n +2; fi
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
log "wrote $OUT"
cat "$OUT"
