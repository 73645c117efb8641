#!/usr/bin/env bash
# Our generator (`apiref generate`) side by side with progenitor on the whole API of each service
# (DCS and ECS), on this machine, in one run. Writes Markdown tables of ratios (ours / progenitor)
# to codegen/benches/BENCHMARKS.md; the notes below its marker are kept.
#
#   codegen/benches/compare.sh                  # everything: about 45-60 minutes on 2 idle cores
#   REPS=3 BENCH_DIR=/tmp/x OUT=/tmp/b.md codegen/benches/compare.sh
#   SKIP_RELEASE=1 SKIP_THROUGHPUT=1 REPS=1 OUT=/tmp/b.md codegen/benches/compare.sh   # a quick check
#
# Settings (environment):
#   SERVICES            services to compare, folders of spec/ and generated/ ("dcs ecs")
#   REPS                generation runs per tool, the median is reported (11)
#   CLEAN_REPS          clean builds of ours and of progenitor's crate with TLS, the fastest is
#                       reported (3: ours, progenitor's, then twice progenitor's and ours, so that a
#                       drift of the machine's speed during the run weighs on both alike)
#   BENCH_DIR           scratch dir: everything downloaded or built stays there (/tmp/apiref-bench)
#   OUT                 the Markdown file written (codegen/benches/BENCHMARKS.md)
#   PROGENITOR_VERSION  cargo-progenitor from crates.io (0.11.2: the last whose client uses
#                       reqwest 0.12, as our runtime does; 0.12 and later use reqwest 0.13)
#   TOOLS_TARGET        target dir for building `apiref` ($BENCH_DIR/target-tools)
#   SKIP_RELEASE=1      no release builds of the scratch crates (their rows say "skipped")
#   SKIP_THROUGHPUT=1   no deserialization measurement (a release build of both DCS clients)
#   SKIP_DOWNSTREAM=1   no downstream-crate rows
#
# CPU-heavy (installs progenitor's CLI, then per service three crates built clean in debug and in
# release): run by hand, never in CI. Nothing is committed but the table.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/apiref-bench}
OUT=${OUT:-$ROOT/codegen/benches/BENCHMARKS.md}
REPS=${REPS:-11}
CLEAN_REPS=${CLEAN_REPS:-3}
SERVICES=${SERVICES:-dcs ecs}
PROGENITOR_VERSION=${PROGENITOR_VERSION:-0.11.2}
TOOLS_TARGET=${TOOLS_TARGET:-$WORK/target-tools}
SKIP_RELEASE=${SKIP_RELEASE:-0}
SKIP_THROUGHPUT=${SKIP_THROUGHPUT:-0}
SKIP_DOWNSTREAM=${SKIP_DOWNSTREAM:-0}
# One operation group per service for the "one group" rows (`apiref generate --groups`).
declare -A GROUP=([dcs]="Backup and Restoration" [ecs]="Lifecycle Management")
mkdir -p "$WORK"
log() { echo "compare.sh: $*" >&2; }
die() {
    log "error: $*"
    exit 1
}
need() { command -v "$1" >/dev/null || die "$1 is required (not found on PATH)"; }
need cargo
need jq
need awk
[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive integer, not '$REPS'"
[[ $CLEAN_REPS =~ ^[1-9][0-9]*$ ]] || die "CLEAN_REPS must be a positive integer, not '$CLEAN_REPS'"
for svc in $SERVICES; do
    [ -f "$ROOT/spec/$svc/spec.yaml" ] || die "no spec for service '$svc' ($ROOT/spec/$svc/spec.yaml)"
    [ -f "$ROOT/generated/$svc/src/lib.rs" ] || die "no client crate for '$svc' ($ROOT/generated/$svc)"
done
trap 'log "failed at line $LINENO (see $WORK/last.log for the last command run)"' ERR

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }
# Runs "$@" quietly and prints its wall time in seconds; the output goes to $WORK/last.log.
timed() {
    local t0 t1
    t0=$(now)
    "$@" >"$WORK/last.log" 2>&1 || {
        tail -n 40 "$WORK/last.log" >&2
        die "failed: $* (in $PWD; whole output in $WORK/last.log)"
    }
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}
# The median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); print (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
# a / b to two decimals; "–" when either is not a number (a skipped or failed measure).
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        num = "^[0-9]+([.][0-9]+)?$"
        if (a ~ num && b ~ num && b > 0) printf "%.2f", a / b; else printf "–" }'
}
# Cargo in a scratch crate: its own target dir, none of the caller's flags.
scratch_cargo() { (cd "$1" && shift && env -u CARGO_TARGET_DIR -u RUSTFLAGS -u CARGO_BUILD_RUSTFLAGS cargo "$@"); }
# The version of `package` in the lock file of crate `dir`.
locked_version() {
    awk -v p="$2" '$1 == "name" && $3 == "\"" p "\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$1/Cargo.lock"
}
lines_of() { find "$@" -name '*.rs' -print0 | xargs -0 cat | wc -l | tr -d ' '; }

# 1. Our tool, release build.
log "building apiref (release) in $TOOLS_TARGET"
(cd "$ROOT" && CARGO_TARGET_DIR="$TOOLS_TARGET" cargo build --release --quiet -p apiref-cli --bin apiref) ||
    die "cannot build the apiref CLI (crate apiref-cli)"
APIREF="$TOOLS_TARGET/release/apiref"
[ -x "$APIREF" ] || die "no apiref binary at $APIREF"
THREADS_VAR=APIREF_CODEGEN_THREADS # read by apiref_codegen::generate (codegen/src/lib.rs)
CORES=$(nproc)

# 2. Progenitor's CLI from crates.io, into the scratch dir (reused when the version matches).
PROG_ROOT="$WORK/progenitor-$PROGENITOR_VERSION"
if ! [ -x "$PROG_ROOT/bin/cargo-progenitor" ]; then
    log "installing cargo-progenitor $PROGENITOR_VERSION"
    CARGO_TARGET_DIR="$WORK/target-progenitor-install" \
        cargo install cargo-progenitor --version "$PROGENITOR_VERSION" --locked --root "$PROG_ROOT" ||
        die "cannot install cargo-progenitor $PROGENITOR_VERSION"
fi
PROGENITOR="$PROG_ROOT/bin/cargo-progenitor"

# Per-service results, keyed "<svc>.<measure>".
declare -A R

# A clean build's time alone (dependencies included).
clean_time() { # dir [cargo flags…]
    local dir=$1
    shift
    rm -rf "$dir/target"
    timed scratch_cargo "$dir" build --offline "$@"
}
# Build times of a scratch crate: a clean build (dependencies included), then rebuilds of the
# crate alone after touching it (the cost of the generated code itself): as cargo does by
# default (in debug, incremental: the unchanged code is mostly reused), and whole
# (CARGO_INCREMENTAL=0, as after a regeneration that changes much of the code; release builds
# are not incremental anyway). Prints "clean rebuild whole-rebuild crates-compiled". The lock
# file is resolved before (see prepare_lock), so nothing downloads.
build_times() { # dir [cargo flags…]
    local dir=$1 clean rebuild whole crates
    shift
    clean=$(clean_time "$dir" "$@")
    crates=$(grep -c '^ *Compiling ' "$WORK/last.log" || true)
    touch "$dir/src/lib.rs"
    rebuild=$(timed scratch_cargo "$dir" build --offline "$@")
    touch "$dir/src/lib.rs"
    whole=$(CARGO_INCREMENTAL=0 timed scratch_cargo "$dir" build --offline "$@")
    echo "$clean $rebuild $whole $crates"
}
# The smaller of two times.
fastest() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; }
# Resolves and downloads the dependencies of a scratch crate, reqwest pinned to $REQWEST when
# the crate asks for the same major version.
prepare_lock() { # dir
    scratch_cargo "$1" generate-lockfile --quiet
    local v
    v=$(locked_version "$1" reqwest)
    if [ -n "${REQWEST:-}" ] && [ -n "$v" ] && [ "${v%.*}" = "${REQWEST%.*}" ] && [ "$v" != "$REQWEST" ]; then
        scratch_cargo "$1" update --quiet -p "reqwest@$v" --precise "$REQWEST"
    fi
    scratch_cargo "$1" fetch --quiet
}

for svc in $SERVICES; do
    SVC=${svc^^}
    D="$WORK/$svc"
    mkdir -p "$D"
    SPEC="$ROOT/spec/$svc/spec.yaml"
    log "$SVC: OpenAPI export and progenitor's input"

    # 3. The OpenAPI export, and a progenitor-compatible variant of it (see progenitor-compat.jq):
    # the responses and operations dropped are counted and reported in the table.
    "$APIREF" openapi "$SPEC" --format json --out "$D/openapi.json" || die "$SVC: apiref openapi failed"
    jq -f "$ROOT/codegen/benches/progenitor-compat.jq" "$D/openapi.json" >"$D/progenitor.json" ||
        die "$SVC: progenitor-compat.jq failed on $D/openapi.json"
    count() { jq "$1" "$2"; }
    R[$svc.ops]=$(count '[.paths[][] | objects | select(has("responses"))] | length' "$D/openapi.json")
    R[$svc.schemas]=$(count '.components.schemas | length' "$D/openapi.json")
    R[$svc.resp_before]=$(count '[.paths[][] | objects | .responses // {} | length] | add' "$D/openapi.json")
    R[$svc.resp_after]=$(count '[.paths[][] | objects | .responses // {} | length] | add' "$D/progenitor.json")
    R[$svc.ops_after]=$(count '[.paths[][] | objects | select(has("responses"))] | length' "$D/progenitor.json")

    # 4. Generation time, whole API: median of REPS runs each. Ours on one thread (the target)
    # and on every core (the default); progenitor's generator runs on one.
    log "$SVC: timing generation ($REPS runs each)"
    gen_ours() { "$APIREF" generate "$SPEC" -o "$D/client.rs"; }
    gen_ours_1() { env "$THREADS_VAR=1" "$APIREF" generate "$SPEC" -o "$D/client.rs"; }
    gen_prog() {
        rm -rf "$D/prog"
        "$PROGENITOR" progenitor -i "$D/progenitor.json" -o "$D/prog" -n "$svc-progenitor" -v 0.1.0
    }
    R[$svc.gen1_ours]=$(for _ in $(seq "$REPS"); do timed gen_ours_1; echo; done | median)
    R[$svc.gen_ours]=$(for _ in $(seq "$REPS"); do timed gen_ours; echo; done | median)
    R[$svc.gen_prog]=$(for _ in $(seq "$REPS"); do timed gen_prog; echo; done | median)
    [ -f "$D/prog/src/lib.rs" ] || die "$SVC: progenitor wrote no crate (see $WORK/last.log)"

    # 5. Scratch crates.
    # Ours: the client crate's lib.rs with the generated file beside it (instead of generating
    # in build.rs, as progenitor's crate holds its generated code), on the repository's runtime.
    OURS="$D/ours"
    rm -rf "$OURS"
    mkdir -p "$OURS/src"
    cp "$D/client.rs" "$OURS/src/client.rs"
    sed 's|include!(concat!(env!("OUT_DIR"), "/client.rs"));|include!("client.rs");|' \
        "$ROOT/generated/$svc/src/lib.rs" >"$OURS/src/lib.rs"
    grep -q 'include!("client.rs")' "$OURS/src/lib.rs" ||
        die "generated/$svc/src/lib.rs no longer has include!(concat!(env!(\"OUT_DIR\"), \"/client.rs\"))"
    printf '[package]\nname = "%s-ours"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n' "$svc" >"$OURS/Cargo.toml"
    printf 'huaweicloud-runtime = { path = "%s/generated/runtime" }\n\n[workspace]\n' "$ROOT" >>"$OURS/Cargo.toml"
    # Progenitor's, twice: as generated (reqwest without any TLS: it cannot reach an https://
    # endpoint; the old row), and with reqwest's rustls TLS, as ours (equal terms).
    PROG="$D/prog"
    PROG_TLS="$D/prog-tls"
    grep -q '^\[workspace\]' "$PROG/Cargo.toml" || printf '\n[workspace]\n' >>"$PROG/Cargo.toml"
    grep -q '^reqwest = .*features = \[' "$PROG/Cargo.toml" ||
        die "$SVC: progenitor's Cargo.toml has no 'reqwest = { … features = [ … ] }' line to add TLS to"
    REQWEST_REQ=$(sed -n 's/^reqwest = { *version = "\([0-9.]*\)".*/\1/p' "$PROG/Cargo.toml")
    case "$REQWEST_REQ" in
    0.12*) TLS_FEATURE=rustls-tls ;; # rustls + ring + webpki roots, as huaweicloud-runtime
    0.13*) TLS_FEATURE=rustls ;;     # reqwest 0.13's rustls: aws-lc-rs, not ring as ours
    *) die "$SVC: progenitor's crate uses reqwest '$REQWEST_REQ'; compare.sh knows the TLS features of 0.12 and 0.13" ;;
    esac
    rm -rf "$PROG_TLS"
    mkdir -p "$PROG_TLS"
    cp -r "$PROG/src" "$PROG_TLS/src"
    sed "/^reqwest = /s/features = \[/features = [\"$TLS_FEATURE\", /" "$PROG/Cargo.toml" >"$PROG_TLS/Cargo.toml"
    grep -q "\"$TLS_FEATURE\"" "$PROG_TLS/Cargo.toml" || die "$SVC: could not add $TLS_FEATURE to $PROG_TLS/Cargo.toml"

    log "$SVC: resolving dependencies"
    REQWEST=
    prepare_lock "$OURS"
    REQWEST=$(locked_version "$OURS" reqwest)
    prepare_lock "$PROG"
    prepare_lock "$PROG_TLS"
    R[$svc.reqwest_ours]=$REQWEST
    R[tls_feature]=$TLS_FEATURE
    R[$svc.reqwest_prog]=$(locked_version "$PROG_TLS" reqwest)

    R[$svc.lines_ours]=$(lines_of "$OURS/src/client.rs")
    R[$svc.lines_prog]=$(lines_of "$PROG/src")

    # 6. Builds: debug, then release.
    for profile in debug release; do
        flags=()
        [ $profile = release ] && flags=(--release)
        if [ $profile = release ] && [ "$SKIP_RELEASE" = 1 ]; then
            for k in clean re whole crates; do
                R[$svc.$profile.ours.$k]=skipped R[$svc.$profile.prog.$k]=skipped R[$svc.$profile.tls.$k]=skipped
            done
            continue
        fi
        for crate in ours prog tls; do
            case $crate in ours) dir=$OURS ;; prog) dir=$PROG ;; tls) dir=$PROG_TLS ;; esac
            log "$SVC: building $(basename "$dir") ($profile)"
            times=$(build_times "$dir" ${flags[@]+"${flags[@]}"})
            read -r "R[$svc.$profile.$crate.clean]" "R[$svc.$profile.$crate.re]" "R[$svc.$profile.$crate.whole]" \
                "R[$svc.$profile.$crate.crates]" <<<"$times"
        done
        # More clean builds of the two compared against the target, in reverse order (ours first
        # above, progenitor's with TLS last): a single build each swings with the machine.
        for rep in $(seq 2 "$CLEAN_REPS"); do
            for crate in tls ours; do
                case $crate in ours) dir=$OURS ;; tls) dir=$PROG_TLS ;; esac
                log "$SVC: clean build $rep of $(basename "$dir") ($profile)"
                t=$(clean_time "$dir" ${flags[@]+"${flags[@]}"})
                R[$svc.$profile.$crate.clean]=$(fastest "${R[$svc.$profile.$crate.clean]}" "$t")
            done
        done
        if [ $profile = debug ]; then
            # Ours with one operation group instead of all: client crate rebuild, whole (not
            # incremental), debug, in the crate just built. Progenitor has no counterpart, so
            # this row compares ours only.
            g=${GROUP[$svc]:-}
            if [ -n "$g" ]; then
                "$APIREF" generate "$SPEC" --groups "$g" -o "$OURS/src/client.rs" 2>/dev/null ||
                    die "$SVC: apiref generate --groups '$g' failed"
                R[$svc.group_lines]=$(lines_of "$OURS/src/client.rs")
                if ! R[$svc.group_re]=$(CARGO_INCREMENTAL=0 timed scratch_cargo "$OURS" build --offline); then
                    R[$svc.group_re]=failed
                fi
                cp "$D/client.rs" "$OURS/src/client.rs"
            fi
        fi
    done
done

# 7. A downstream crate that calls three DCS operations (ListInstances, ShowInstance,
# CopyInstance): ours with every group, ours with the two groups it needs (cargo features),
# progenitor's (with TLS). Each is built once (dependencies included, untimed), then the client
# crate and the downstream crate are cleaned and rebuilt: the time a user pays for the generated
# client plus their own crate.
has_dcs=0
for svc in $SERVICES; do [ "$svc" = dcs ] && has_dcs=1; done
if [ "$SKIP_DOWNSTREAM" != 1 ] && [ $has_dcs = 1 ]; then
    DOWN="$WORK/downstream"
    rm -rf "$DOWN"
    mkdir -p "$DOWN/ours-all/src" "$DOWN/ours-groups/src" "$DOWN/prog/src"
    cp "$ROOT/tests/downstream/src/lib.rs" "$DOWN/ours-all/src/lib.rs"
    cp "$ROOT/tests/downstream/src/lib.rs" "$DOWN/ours-groups/src/lib.rs"
    cp "$ROOT/codegen/benches/compare/downstream_progenitor.rs" "$DOWN/prog/src/lib.rs"
    down_manifest() { # name, dependency line
        printf '[package]\nname = "%s"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n%s\n' "$1" "$2"
        printf 'futures-util = { version = "0.3", default-features = false, features = ["std"] }\n\n[workspace]\n'
    }
    down_manifest down-ours-all "dcs-client = { path = \"$ROOT/generated/dcs\" }" >"$DOWN/ours-all/Cargo.toml"
    down_manifest down-ours-groups "dcs-client = { path = \"$ROOT/generated/dcs\", default-features = false, features = [\"lifecycle-management\", \"backup-and-restoration\"] }" >"$DOWN/ours-groups/Cargo.toml"
    down_manifest down-prog "dcs-progenitor = { path = \"$WORK/dcs/prog-tls\" }" >"$DOWN/prog/Cargo.toml"
    down_time() { # dir client-package downstream-package
        prepare_lock "$1"
        timed scratch_cargo "$1" build --offline >/dev/null
        scratch_cargo "$1" clean --quiet -p "$2" -p "$3"
        timed scratch_cargo "$1" build --offline
    }
    log "building the downstream crates (debug)"
    REQWEST=${R[dcs.reqwest_ours]}
    R[down.all]=$(down_time "$DOWN/ours-all" dcs-client down-ours-all)
    R[down.groups]=$(down_time "$DOWN/ours-groups" dcs-client down-ours-groups)
    R[down.prog]=$(down_time "$DOWN/prog" dcs-progenitor down-prog)
    R[down.groups_lines]=$(lines_of "$DOWN"/ours-groups/target/debug/build/dcs-client-*/out/client.rs)
fi

# 8. Deserialization throughput: a DCS ListInstances response of 1,000 instances, parsed into
# serde_json::Value, our model and progenitor's, in one release binary. The reference gives
# ListInstances no 200 example, so each instance is the document's ShowInstance 200 example (the
# same instance description), with distinct names and IDs.
if [ "$SKIP_THROUGHPUT" != 1 ] && [ $has_dcs = 1 ]; then
    TP="$WORK/throughput"
    rm -rf "$TP"
    mkdir -p "$TP/src"
    jq '.paths["/v2/{project_id}/instances/{instance_id}"].get.responses["200"].content["application/json"].example as $one
        | if ($one | type) != "object" then error("no ShowInstance example") else . end
        | { instance_num: 1000,
            instances: [range(1000) as $i | $one | .name = "dcs-\($i)"
                | .instance_id = "\($i)-\(.instance_id // "id")"] }' \
        "$WORK/dcs/openapi.json" >"$TP/list_instances.json" || die "could not build the ListInstances document"
    [ "$(jq '.instances | length' "$TP/list_instances.json")" = 1000 ] || die "could not build the ListInstances document"
    cp "$ROOT/codegen/benches/compare/throughput.rs" "$TP/src/main.rs"
    printf '[package]\nname = "throughput"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n' >"$TP/Cargo.toml"
    printf 'dcs-client = { path = "%s/generated/dcs" }\ndcs-progenitor = { path = "%s" }\nserde_json = "1"\n\n[workspace]\n' \
        "$ROOT" "$WORK/dcs/prog-tls" >>"$TP/Cargo.toml"
    log "measuring deserialization throughput (release)"
    REQWEST=${R[dcs.reqwest_ours]}
    prepare_lock "$TP"
    timed scratch_cargo "$TP" build --offline --release >/dev/null
    "$TP/target/release/throughput" "$TP/list_instances.json" >"$TP/result.txt" || die "the throughput program failed"
    cat "$TP/result.txt" >&2
    R[tp.bytes]=$(wc -c <"$TP/list_instances.json" | tr -d ' ')
    # "name seconds count" → MB/s, or the failure.
    speed() {
        awk -v n="$1" -v b="${R[tp.bytes]}" '$1 == n { if ($2 == "failed") { $1 = ""; $2 = ""; print "failed:" $0 } else printf "%.0f", b / $2 / 1e6 }' "$TP/result.txt"
    }
    R[tp.value]=$(speed value)
    R[tp.ours]=$(speed ours)
    R[tp.prog]=$(speed progenitor)
fi

# 9. The tables.
MARKER='<!-- notes: kept by compare.sh -->'
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
BEHIND=()
get() { echo "${R[$1]:-–}"; }
# A row of the main table: label, target ratio ("" for none), then per service the keys of ours
# and progenitor's numbers. A ratio above the target is listed under the table.
row() {
    local label=$1 target=$2 line
    shift 2
    line="| $label | ${target:+≤ $target}"
    for svc in $SERVICES; do
        local a b r
        a=$(get "$svc.$1")
        b=$(get "$svc.$2")
        r=$(ratio "$a" "$b")
        line+=" | $a | $b | $r"
        if [ -n "$target" ] && [ "$r" != – ] && awk -v r="$r" -v t="$target" 'BEGIN { exit !(r > t) }'; then
            BEHIND+=("${svc^^} $label: $r")
        fi
    done
    echo "$line |"
}
header() {
    local line="| measure | target" rule="| --- | ---"
    for svc in $SERVICES; do
        line+=" | ${svc^^} ours | ${svc^^} progenitor | ${svc^^} ratio"
        rule+=" | ---: | ---: | ---:"
    done
    echo "$line |"
    echo "$rule |"
}
{
    echo "# apiref vs progenitor"
    echo
    echo "Produced by \`codegen/benches/compare.sh\` on $(date -u +%Y-%m-%d) in one run on one machine."
    echo "Rerun the script rather than editing the tables; the notes below the marker are kept."
    echo
    echo "- Machine: $CORES CPUs, $CPU, $(free -g 2>/dev/null | awk '/^Mem:/ { print $2 " GiB RAM" }')"
    echo "- Toolchain: $(rustc --version), $(cargo --version)"
    echo "- progenitor: cargo-progenitor $PROGENITOR_VERSION from crates.io"
    for svc in $SERVICES; do
        echo "- ${svc^^}: \`spec/$svc/spec.yaml\`, $(get "$svc.ops") operations, $(get "$svc.schemas") schemas, exported"
        echo "  with \`apiref openapi\`. Progenitor's input (codegen/benches/progenitor-compat.jq): per"
        echo "  operation, responses of a second success or error type dropped, $(get "$svc.resp_before") responses →"
        echo "  $(get "$svc.resp_after"); operations kept: $(get "$svc.ops_after") of $(get "$svc.ops")."
        echo "  Crates compiled in a clean debug build: ours $(get "$svc.debug.ours.crates"), progenitor's"
        echo "  $(get "$svc.debug.prog.crates") without TLS, $(get "$svc.debug.tls.crates") with TLS (reqwest $(get "$svc.reqwest_prog"), ours $(get "$svc.reqwest_ours"))."
    done
    echo "- Generation: median of $REPS runs of each CLI, on one thread (\`$THREADS_VAR=1\`) and on"
    echo "  all $CORES cores. Builds: \`cargo build\` in a scratch crate holding the generated code, with"
    echo "  an empty target dir (dependencies included; ours and progenitor's with TLS the fastest of"
    echo "  $CLEAN_REPS, built in turns, the others once), then once again after touching"
    echo "  the client crate (the client crate only): as cargo does by default, incremental in debug"
    echo "  (the old row), and whole, not incremental (\`CARGO_INCREMENTAL=0\`), as after a regeneration"
    echo "  that changes the code. \"With TLS\": progenitor's crate with reqwest's \`$(get tls_feature)\` feature"
    echo "  (0.12's \`rustls-tls\` is rustls + ring + webpki roots, as our runtime), so that both clients can"
    echo "  reach the real \`https://\` endpoint; \"without TLS\": as progenitor generates it (the old row)."
    echo
    header
    row "generation, whole API, one thread (s)" "" gen1_ours gen_prog
    row "generation, whole API, $CORES threads (s)" "" gen_ours gen_prog
    row "generated code (lines)" "" lines_ours lines_prog
    row "clean build, debug, both with TLS (s)" 1.00 debug.ours.clean debug.tls.clean
    row "clean build, debug, progenitor without TLS (s)" "" debug.ours.clean debug.prog.clean
    row "client crate rebuild after a touch, debug (incremental) (s)" 1.00 debug.ours.re debug.tls.re
    row "client crate rebuild, whole, debug (not incremental) (s)" 1.00 debug.ours.whole debug.tls.whole
    row "clean build, release, both with TLS (s)" 1.00 release.ours.clean release.tls.clean
    row "clean build, release, progenitor without TLS (s)" "" release.ours.clean release.prog.clean
    row "client crate rebuild, release (s)" 1.00 release.ours.re release.tls.re
    echo
    echo "Ratios below 1 mean ours is smaller or faster. Rebuilds are compared with progenitor's crate"
    echo "with TLS (without, they differ by noise only)."
    for svc in $SERVICES; do
        gen1=$(get "$svc.gen1_ours")
        if awk -v g="$gen1" 'BEGIN { exit !(g ~ /^[0-9.]+$/ && g > 0.1) }'; then
            BEHIND+=("${svc^^} generation on one thread: ${gen1} s (target ≤ 0.100 s)")
        fi
    done
    echo
    echo "Targets: generation of a whole client on one thread ≤ 0.100 s; the ratios above ≤ 1.00;"
    echo "deserialization (below) ≥ 1.00."
    echo
    echo "| ours, one group vs all groups | one group | all groups | ratio |"
    echo "| --- | ---: | ---: | ---: |"
    for svc in $SERVICES; do
        [ -n "${GROUP[$svc]:-}" ] || continue
        echo "| ${svc^^} \`--groups '${GROUP[$svc]}'\`: generated code (lines) | $(get "$svc.group_lines") | $(get "$svc.lines_ours") | $(ratio "$(get "$svc.group_lines")" "$(get "$svc.lines_ours")") |"
        echo "| ${svc^^} \`--groups '${GROUP[$svc]}'\`: client crate rebuild, whole, debug (s) | $(get "$svc.group_re") | $(get "$svc.debug.ours.whole") | $(ratio "$(get "$svc.group_re")" "$(get "$svc.debug.ours.whole")") |"
    done
    if [ -n "${R[down.prog]:-}" ]; then
        echo
        echo "A downstream crate calling three DCS operations (\`tests/downstream\`: ListInstances,"
        echo "ShowInstance, CopyInstance), debug: dependencies built first, then the client crate and the"
        echo "downstream crate cleaned and built again (the generated client plus the user's crate)."
        echo
        echo "| downstream crate, three operations | build (s) | ratio to progenitor |"
        echo "| --- | ---: | ---: |"
        echo "| ours, every group (\`full\`, the default) | ${R[down.all]} | $(ratio "${R[down.all]}" "${R[down.prog]}") |"
        echo "| ours, features \`lifecycle-management\` + \`backup-and-restoration\` (${R[down.groups_lines]} lines) | ${R[down.groups]} | $(ratio "${R[down.groups]}" "${R[down.prog]}") |"
        echo "| progenitor, with TLS (whole API) | ${R[down.prog]} | 1.00 |"
    fi
    if [ -n "${R[tp.bytes]:-}" ]; then
        tp_ratio=$(ratio "${R[tp.ours]}" "${R[tp.prog]}")
        if [ "$tp_ratio" != – ] && awk -v r="$tp_ratio" 'BEGIN { exit !(r < 1) }'; then
            BEHIND+=("DCS deserialization: $tp_ratio (target ≥ 1.00)")
        fi
        echo
        echo "Deserialization of a DCS ListInstances response with 1,000 instances (${R[tp.bytes]} bytes;"
        echo "each instance is the document's ShowInstance example, as ListInstances has no 200 example),"
        echo "release build, median of 25 parses:"
        echo
        echo "| into | MB/s | ratio to progenitor |"
        echo "| --- | ---: | ---: |"
        echo "| \`serde_json::Value\` (floor) | ${R[tp.value]} | $(ratio "${R[tp.value]}" "${R[tp.prog]}") |"
        echo "| dcs-client \`models::ListInstancesResponse\` | ${R[tp.ours]} | $tp_ratio |"
        echo "| progenitor \`types::ListInstancesResponse\` | ${R[tp.prog]} | 1.00 |"
    fi
    echo
    if [ ${#BEHIND[@]} -gt 0 ]; then
        echo "Behind target in this run (the notes below say why):"
        echo
        for b in "${BEHIND[@]}"; do echo "- $b"; done
    else
        echo "Every measured target is met in this run."
    fi
    # A hand-written note below the marker survives reruns.
    echo
    echo "$MARKER"
    if [ -f "$OUT" ]; then sed -n "/^$MARKER\$/,\$p" "$OUT" | tail -n +2; fi
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
log "wrote $OUT"
cat "$OUT"
