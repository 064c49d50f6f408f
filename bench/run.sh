#!/usr/bin/env bash
# Whole-process benchmark of `rampart scan` against the parse-only floor and the peer scanners.
#
#   bench/run.sh [--runs N] [--sizes 10,100,1000,1000y,5000,1000f] [--tools rampart,rampart-load,rampart-jit,floor,floor-jit,cdknag,cfnguard]
#                [--budget SECONDS] [--quick] [--skip LIST] [--reuse FILE] [--no-build] [--no-targets]
#
# Tools: rampart = `rampart scan FILE --format json --output /dev/null`, published native (Native AOT, as
# `dotnet publish src/Rampart.Cli -c Release -r <rid>` builds it); rampart-load = the same native scan with one rule
# only (`--only MON-05`, one deployment-wide check: what is left is start, loading and the report, so the rules' share
# is rampart minus rampart-load); rampart-jit = the same command as rampart from
# `dotnet build -c Release` (JIT); floor / floor-jit = bench/Rampart.Bench.Floor (read + parse only), built
# the same two ways; cdknag = cdk-nag 3.0.2, four packs; cfnguard = cfn-guard 3.1.1, Control Tower rules.
# For each template size (a number is template-N.json; "Ny" is the YAML variant template-N.yaml; "Nf" is folder-N/,
# N small stacks of 20 resources, one folder each, as in a monorepo, which only the rampart tools scan) it runs
# every tool N times, round-robin so that a change in machine load hits all tools alike, and records the
# median wall time, the median CPU time (user + system) and the median peak resident set size (GNU time's
# %M: the largest process of the tool's tree). A tool stops repeating at a size once its runs there have
# taken --budget seconds (it always runs once): cfn-guard at 5,000 resources takes ~12 minutes, so it runs once.
# Targets compare rampart with cdk-nag, cfn-guard and the floor built the same way as rampart.
#
#   --runs N        runs per tool and size (default 5)
#   --sizes LIST    sizes to measure (default 10,100,1000,1000y,5000,1000f)
#   --tools LIST    tools to measure (default: all seven)
#   --budget S      seconds after which a tool stops repeating at one size (default 180)
#   --quick         skip cfn-guard at 5,000 resources and the YAML variant for the peers
#   --skip LIST     skip these tool:size cells, e.g. cfnguard:1000y
#   --reuse FILE    report the tools not measured now with their figures in FILE (an earlier bench/results/latest.tsv;
#                   its findings come from the work/ folder beside it), e.g. to re-measure rampart after a change
#                   without waiting 20 minutes for cfn-guard again
#   --no-build      use the Release builds and templates already there
#   --no-targets    report only; do not exit non-zero when a target is missed
#
# Environment: PEERS_DIR, the peer scanners' folder (default: ../shared/peers beside the repository).
# Writes bench/results/latest.md and bench/results/latest.tsv. Exit status: 0 all targets met, 1 a target
# missed, 2 bad usage or a tool failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
RUNS=5
SIZES="10,100,1000,1000y,5000,1000f"
FOLDER_TEMPLATE_RESOURCES=20  # the generator's small stacks (GeneratorOptions.FolderTemplateResources)
TOOLS="rampart,rampart-load,rampart-jit,floor,floor-jit,cdknag,cfnguard"
BUDGET=180
QUICK=0
BUILD=1
TARGETS=1
SKIP=""
REUSE=""

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    --sizes) SIZES="${2:?--sizes needs a list}"; shift 2 ;;
    --tools) TOOLS="${2:?--tools needs a list}"; shift 2 ;;
    --budget) BUDGET="${2:?--budget needs seconds}"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --skip) SKIP="${2:?--skip needs tool:size pairs}"; shift 2 ;;
    --reuse) REUSE="${2:?--reuse needs a latest.tsv}"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-targets) TARGETS=0; shift ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown option '$1'; accepted: --runs, --sizes, --tools, --budget, --quick, --skip, --reuse, --no-build, --no-targets" >&2; exit 2 ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs '$RUNS': expected a positive integer" >&2; exit 2; }
[[ "$BUDGET" =~ ^[0-9]+$ ]] || { echo "run.sh: --budget '$BUDGET': expected whole seconds" >&2; exit 2; }
if [ -n "$REUSE" ]; then
  REUSE="$(cd "$(dirname "$REUSE")" && pwd)/$(basename "$REUSE")"
  [ -f "$REUSE" ] && head -n 1 "$REUSE" | grep -q '^tool' || { echo "run.sh: --reuse '$REUSE': not a bench/results/latest.tsv" >&2; exit 2; }
fi
IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
IFS=',' read -r -a TOOL_LIST <<<"$TOOLS"
for s in "${SIZE_LIST[@]}"; do
  [[ "$s" =~ ^[1-9][0-9]*[yf]?$ ]] || { echo "run.sh: --sizes: '$s' is not a size; accepted: resource counts, with a 'y' suffix for the YAML variant (e.g. 1000y), or template counts with an 'f' suffix for a folder of small stacks (e.g. 1000f)" >&2; exit 2; }
done
for t in "${TOOL_LIST[@]}"; do
  case "$t" in rampart|rampart-load|rampart-jit|floor|floor-jit|cdknag|cfnguard) ;; *) echo "run.sh: --tools: '$t' is not a tool; accepted: rampart, rampart-load, rampart-jit, floor, floor-jit, cdknag, cfnguard" >&2; exit 2 ;; esac
done
has_tool() { [[ ",$TOOLS," == *",$1,"* ]]; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1

log() { echo "== $*" >&2; }

# --- tools -------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

PEERS="$BENCH/.peers/peers"
if has_tool cdknag || has_tool cfnguard; then
  PEERS_DIR="${PEERS_DIR:-$ROOT/../shared/peers}"
  [ -f "$PEERS_DIR/setup.sh" ] || { echo "run.sh: no peer scanners at $PEERS_DIR (set PEERS_DIR to the folder with setup.sh)" >&2; exit 2; }
  if [ -d "$PEERS/node_modules" ] && cmp -s "$PEERS_DIR/package-lock.json" "$PEERS/package-lock.json" \
      && cmp -s "$PEERS_DIR/cdknag.js" "$PEERS/cdknag.js" && cmp -s "$PEERS_DIR/cfnguard.sh" "$PEERS/cfnguard.sh"; then
    log "peer scanners: cached in bench/.peers"
  else
    log "peer scanners: installing into bench/.peers"
    rm -rf "$PEERS" && mkdir -p "$BENCH/.peers"
    cp -r "$PEERS_DIR" "$PEERS" && chmod -R u+w "$PEERS"
    "$PEERS/setup.sh" >&2
  fi
fi

RID="linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
BUILT="$BENCH/.build"
RAMPART="$BUILT/rampart/rampart"
FLOOR="$BUILT/floor/rampart-bench-floor"
RAMPART_JIT="$ROOT/src/Rampart.Cli/bin/Release/net10.0/rampart"
FLOOR_JIT="$BENCH/Rampart.Bench.Floor/bin/Release/net10.0/rampart-bench-floor"
GENERATOR="$BENCH/Rampart.Bench.Generator/bin/Release/net10.0/rampart-bench-generator"
if [ "$BUILD" = 1 ]; then
  if ! command -v clang >/dev/null 2>&1 || [ ! -e /usr/include/zlib.h ]; then
    log "installing clang and zlib (Native AOT links with them)"
    apt-get update -qq && apt-get install -y -qq clang zlib1g-dev >/dev/null
  fi
  log "building rampart, the floor and the generator (Release, JIT)"
  for project in src/Rampart.Cli bench/Rampart.Bench.Floor bench/Rampart.Bench.Generator; do
    dotnet build "$ROOT/$project" -c Release -nologo -v quiet >&2
  done
  log "publishing rampart and the floor native ($RID, Native AOT)"
  dotnet publish "$ROOT/src/Rampart.Cli" -c Release -r "$RID" -nologo -v quiet -o "$BUILT/rampart" >&2
  dotnet publish "$BENCH/Rampart.Bench.Floor" -c Release -r "$RID" -nologo -v quiet -o "$BUILT/floor" >&2
fi
for exe in "$RAMPART" "$FLOOR" "$RAMPART_JIT" "$FLOOR_JIT" "$GENERATOR"; do
  [ -x "$exe" ] || { echo "run.sh: $exe is missing (run without --no-build)" >&2; exit 2; }
done

TEMPLATES="$BENCH/templates"
template_of() {
  case "$1" in
    *y) echo "$TEMPLATES/template-${1%y}.yaml" ;;
    *f) echo "$TEMPLATES/folder-${1%f}" ;;
    *) echo "$TEMPLATES/template-$1.json" ;;
  esac
}
resources_of() { case "$1" in *y) echo "${1%y}" ;; *f) echo $((${1%f} * FOLDER_TEMPLATE_RESOURCES)) ;; *) echo "$1" ;; esac; }
json_sizes=(); yaml_sizes=(); folder_sizes=()
for s in "${SIZE_LIST[@]}"; do
  case "$s" in *y) yaml_sizes+=("${s%y}") ;; *f) folder_sizes+=("${s%f}") ;; *) json_sizes+=("$s") ;; esac
done
missing_template=0
for s in "${SIZE_LIST[@]}"; do [ -e "$(template_of "$s")" ] || missing_template=1; done
if [ "$BUILD" = 1 ] || [ ! -f "$TEMPLATES/manifest.json" ] || [ "$missing_template" = 1 ]; then
  log "generating templates"
  "$GENERATOR" --out "$TEMPLATES" --sizes "$(IFS=,; echo "${json_sizes[*]:-}")" --yaml-sizes "$(IFS=,; echo "${yaml_sizes[*]:-}")" \
    --folder-sizes "$(IFS=,; echo "${folder_sizes[*]:-}")" >&2
fi

# --- measuring ---------------------------------------------------------------------------------------
RESULTS="$BENCH/results"
mkdir -p "$RESULTS"
WORK="$(mktemp -d "$RESULTS/work.XXXXXX")"  # kept as bench/results/work when the run ends

# command_for TOOL FILE -> sets CMD to the tool's command line
command_for() {
  case "$1" in
    rampart) CMD=("$RAMPART" scan "$2" --format json --output /dev/null) ;;
    rampart-load) CMD=("$RAMPART" scan "$2" --only MON-05 --format json --output /dev/null) ;;
    rampart-jit) CMD=("$RAMPART_JIT" scan "$2" --format json --output /dev/null) ;;
    floor) CMD=("$FLOOR" "$2") ;;
    floor-jit) CMD=("$FLOOR_JIT" "$2") ;;
    cdknag) CMD=(node "$PEERS/cdknag.js" "$2") ;;
    cfnguard) CMD=("$PEERS/cfnguard.sh" "$2") ;;
  esac
}
accepted() {  # accepted TOOL EXIT_CODE STDOUT: rampart exits 1 when it has findings
  case "$1" in
    rampart|rampart-load|rampart-jit) [ "$2" = 0 ] || [ "$2" = 1 ] ;;
    # cfn-guard evaluated the template, but its output (3.4 GB at 5,000 resources) is too large for cfnguard.sh's
    # Node.js normaliser: the time is cfn-guard's whole run plus the normaliser's failed read; findings are not counted.
    cfnguard) [ "$2" = 0 ] || { [ "$2" = 1 ] && grep -q 'cannot normalize cfn-guard output' "$3"; } ;;
    *) [ "$2" = 0 ] ;;
  esac
}

# measure TOOL SIZE RUN -> appends "TOOL SIZE RUN SECONDS KIB CPU_SECONDS" to $WORK/raw.tsv
measure() {
  local tool="$1" size="$2" run="$3" file out err start end rc kib
  file="$(template_of "$size")"
  out="$WORK/$tool-$size.out"; err="$WORK/$tool-$size.err"
  [ "$run" = 1 ] || { out="$WORK/$tool-$size.out.last"; err="$WORK/$tool-$size.err.last"; }
  command_for "$tool" "$file"
  start=$EPOCHREALTIME
  set +e
  /usr/bin/time -f "%M %U %S" -o "$WORK/rss" "${CMD[@]}" >"$out" 2>"$err"
  rc=$?
  set -e
  end=$EPOCHREALTIME
  if ! accepted "$tool" "$rc" "$out"; then
    echo "run.sh: $tool on $(basename "$file") exited with $rc:" >&2
    tail -n 5 "$err" >&2 || true
    echo "$tool $size $run ERR ERR ERR" >>"$WORK/raw.tsv"
    return 1
  fi
  # The last line: GNU time puts "Command exited with non-zero status" before it.
  read -r kib user system < <(tail -n 1 "$WORK/rss")
  awk -v t="$tool" -v s="$size" -v r="$run" -v a="$start" -v b="$end" -v k="$kib" -v u="$user" -v y="$system" \
    'BEGIN { printf "%s %s %s %.5f %s %.2f\n", t, s, r, b - a, k, u + y }' >>"$WORK/raw.tsv"
}

skip_cell() {  # cells --skip and --quick leave out; a folder is for rampart only (the others take one file)
  [[ ",$SKIP," == *",$1:$2,"* ]] && return 0
  [[ "$2" == *f ]] && case "$1" in rampart|rampart-load|rampart-jit) ;; *) return 0 ;; esac
  [ "$QUICK" = 1 ] || return 1
  case "$1" in cdknag|cfnguard) ;; *) return 1 ;; esac
  [[ "$2" == *y ]] && return 0
  [ "$1" = cfnguard ] && [ "${2%y}" -ge 5000 ] && return 0
  return 1
}

load_now() { cut -d' ' -f1-3 /proc/loadavg; }
echo "$(load_now)" >"$WORK/load.start"
failed_tools=0
: >"$WORK/raw.tsv"
for size in "${SIZE_LIST[@]}"; do
  [ -e "$(template_of "$size")" ] || { echo "run.sh: $(template_of "$size") is missing (run without --no-build)" >&2; exit 2; }
  declare -A spent=()
  for run in $(seq 1 "$RUNS"); do
    for tool in "${TOOL_LIST[@]}"; do
      skip_cell "$tool" "$size" && continue
      if [ "$run" -gt 1 ] && awk -v s="${spent[$tool]:-0}" -v b="$BUDGET" 'BEGIN { exit !(s >= b) }'; then continue; fi
      log "$tool, $size resources, run $run/$RUNS (load $(load_now))"
      if ! measure "$tool" "$size" "$run"; then failed_tools=1; spent[$tool]=999999; continue; fi
      spent[$tool]="$(awk -v s="${spent[$tool]:-0}" -v x="$(tail -n 1 "$WORK/raw.tsv" | cut -d' ' -f4)" 'BEGIN { print s + x }')"
    done
  done
  unset spent
done
echo "$(load_now)" >"$WORK/load.end"

if [ -n "$REUSE" ]; then
  # Rows of the tools this run did not measure, and their first-run outputs for the findings columns.
  tail -n +2 "$REUSE" | tr '\t' ' ' | awk -v tools=",$TOOLS," 'index(tools, "," $1 ",") == 0' >>"$WORK/raw.tsv"
  reused_tools=""
  for tool in rampart rampart-load rampart-jit floor floor-jit cdknag cfnguard; do
    has_tool "$tool" && continue
    grep -q "^$tool " "$WORK/raw.tsv" || continue
    reused_tools="$reused_tools $tool"
    cp "$(dirname "$REUSE")/work/$tool-"*.out "$WORK/" 2>/dev/null || true
    cp "$(dirname "$REUSE")/work/$tool-"*.err "$WORK/" 2>/dev/null || true
  done
  TOOL_LIST=()
  for tool in rampart rampart-load rampart-jit floor floor-jit cdknag cfnguard; do
    if has_tool "$tool" || [[ " $reused_tools " == *" $tool "* ]]; then TOOL_LIST+=("$tool"); fi
  done
fi

# --- summary -----------------------------------------------------------------------------------------
# median TOOL SIZE COLUMN(4 = seconds, 5 = KiB, 6 = CPU seconds) -> the median, or "-" when not measured
median() {
  awk -v t="$1" -v s="$2" -v c="$3" '$1 == t && $2 == s && $c != "ERR" { print $c }' "$WORK/raw.tsv" | sort -g |
    awk '{ v[n++] = $1 } END { if (n == 0) { print "-"; exit } print (n % 2) ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2 }'
}
count_runs() { awk -v t="$1" -v s="$2" '$1 == t && $2 == s && $4 != "ERR"' "$WORK/raw.tsv" | wc -l; }
findings() {  # what the tool reported in its first run at a size
  local out="$WORK/$1-$2.out" err="$WORK/$1-$2.err"
  case "$1" in
    rampart|rampart-load|rampart-jit) grep -Eo '[0-9]+ finding\(s\)' "$err" 2>/dev/null | grep -Eo '^[0-9]+' | head -n 1 || echo "-" ;;
    floor|floor-jit) head -n 1 "$out" 2>/dev/null || echo "-" ;;
    *)
      if [ ! -f "$out" ]; then echo "-"
      elif grep -q 'cannot normalize cfn-guard output' "$out"; then echo "not counted ($(grep -Eo '\([0-9]+ bytes\)' "$out" | head -n 1 | tr -d '()'))"
      else grep -vc '"error":' "$out" || true; fi ;;
  esac
}
mib() { [ "$1" = "-" ] && echo "-" || awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
# Wall times are kept to 10 microseconds (EPOCHREALTIME): at a few milliseconds, whole milliseconds would move a ratio
# by a sixth. CPU times come from GNU time in 10 ms steps and are shown as such.
secs() { [ "$1" = "-" ] && echo "-" || awk -v s="$1" 'BEGIN { printf (s < 0.1 ? "%.4f" : s < 1 ? "%.3f" : s < 10 ? "%.2f" : "%.1f"), s }'; }
cpu_secs() { [ "$1" = "-" ] && echo "-" || awk -v s="$1" 'BEGIN { printf (s < 10 ? "%.2f" : "%.1f"), s }'; }
ratio() { { [ "$1" = "-" ] || [ "$2" = "-" ]; } && echo "-" || awk -v a="$1" -v b="$2" 'BEGIN { printf (a / b < 10 ? "%.2fx" : "%.0fx"), a / b }'; }
label() {
  case "$1" in
    *y) echo "${1%y} (YAML)" ;;
    *f) echo "$(resources_of "$1") in ${1%f} templates (folder)" ;;
    *) echo "$1" ;;
  esac
}

tool_name() {
  case "$1" in
    rampart) echo "rampart (native)" ;; rampart-load) echo "rampart, one rule (native)" ;; rampart-jit) echo "rampart (JIT)" ;; floor) echo "floor (native)" ;;
    floor-jit) echo "floor (JIT)" ;; cdknag) echo "cdk-nag" ;; cfnguard) echo "cfn-guard" ;;
  esac
}
{
  echo "# rampart scan: whole-process benchmark"
  echo
  echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/run.sh --runs $RUNS --sizes $SIZES --tools $TOOLS --budget $BUDGET$([ "$QUICK" = 1 ] && echo ' --quick')\`."
  echo
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || echo unknown)), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) memory"
  echo "- load average (1, 5, 15 min): $(cat "$WORK/load.start") at the start, $(cat "$WORK/load.end") at the end"
  if [ -n "$REUSE" ]; then
    echo "- figures of${reused_tools:- no tool} reused from an earlier run ($(basename "$(dirname "$REUSE")")/$(basename "$REUSE"), written $(date -u -r "$REUSE" '+%Y-%m-%d %H:%M UTC'))"
  fi
  echo "- .NET SDK $(dotnet --version 2>/dev/null || echo '?'), Node.js $(node --version 2>/dev/null || echo '?'), rampart $("$RAMPART" --version 2>/dev/null | head -n 1 || echo '?') ($RID)"
  if [ -d "$PEERS/node_modules" ]; then
    echo "- peers: cdk-nag $(node -p 'require(process.argv[1]+"/node_modules/cdk-nag/package.json").version' "$PEERS") (AwsSolutions, NIST 800-53 r5, PCI DSS 3.2.1, HIPAA) on aws-cdk-lib $(node -p 'require(process.argv[1]+"/node_modules/aws-cdk-lib/package.json").version' "$PEERS"); $("$PEERS"/node_modules/@cdklabs/cdk-validator-cfnguard/bin/ubuntu/"$(uname -m)"/cfn-guard --version) with $(find "$PEERS"/node_modules/@cdklabs/cdk-validator-cfnguard/rules/control-tower/cfn-guard -name '*.guard' | wc -l) Control Tower rule files"
  fi
  echo
  echo "Each cell: median wall time, median CPU time (user + system, all threads), median peak RSS, [runs]."
  echo
  header="| resources |"; rule="|---|"
  for tool in "${TOOL_LIST[@]}"; do header="$header $(tool_name "$tool") |"; rule="$rule---|"; done
  echo "$header"; echo "$rule"
  for size in "${SIZE_LIST[@]}"; do
    row="| $(label "$size") |"
    for tool in "${TOOL_LIST[@]}"; do
      t="$(median "$tool" "$size" 4)"
      if [ "$t" = "-" ]; then row="$row - |"
      else row="$row $(secs "$t") s (cpu $(cpu_secs "$(median "$tool" "$size" 6)") s), $(mib "$(median "$tool" "$size" 5)") MiB [$(count_runs "$tool" "$size")] |"; fi
    done
    echo "$row"
  done
  echo
  echo "Findings in the first run (rampart: findings of its current rule catalogue; floor: resources or YAML events counted; peers: finding lines):"
  echo
  header="| resources |"; rule="|---|"
  for tool in "${TOOL_LIST[@]}"; do header="$header $(tool_name "$tool") |"; rule="$rule---|"; done
  echo "$header"; echo "$rule"
  for size in "${SIZE_LIST[@]}"; do
    row="| $(label "$size") |"
    for tool in "${TOOL_LIST[@]}"; do row="$row $(findings "$tool" "$size") |"; done
    echo "$row"
  done
  echo
  echo "Ratios of median wall times (\"vs\": how many times rampart fits in the other's time; \"/ floor\": rampart's time over the floor's):"
  echo
  echo "| resources | vs cdk-nag | vs cfn-guard | native / native floor | one rule / native floor | JIT / JIT floor | native ms per resource | native peak MiB |"
  echo "|---|---|---|---|---|---|---|---|"
  for size in "${SIZE_LIST[@]}"; do
    r="$(median rampart "$size" 4)"
    per="$( [ "$r" = "-" ] && echo "-" || awk -v t="$r" -v n="$(resources_of "$size")" 'BEGIN { printf "%.3f", 1000 * t / n }')"
    echo "| $(label "$size") | $(ratio "$(median cdknag "$size" 4)" "$r") | $(ratio "$(median cfnguard "$size" 4)" "$r") | $(ratio "$r" "$(median floor "$size" 4)") | $(ratio "$(median rampart-load "$size" 4)" "$(median floor "$size" 4)") | $(ratio "$(median rampart-jit "$size" 4)" "$(median floor-jit "$size" 4)") | $per | $(mib "$(median rampart "$size" 5)") |"
  done
} >"$WORK/report.md"

# --- targets -----------------------------------------------------------------------------------------
missed=0
check() {  # check DESCRIPTION OK(1/0/-) DETAIL
  local mark
  case "$2" in 1) mark="met" ;; 0) mark="MISSED"; missed=1 ;; *) mark="not measured" ;; esac
  echo "| $1 | $3 | $mark |"
}
{
  echo
  echo "Targets (issue \"The policy engine and \`rampart scan\`\", Done when):"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  for size in 1000 5000; do
    r="$(median rampart "$size" 4)"
    for peer in cdknag:30:cdk-nag cfnguard:100:cfn-guard; do
      IFS=: read -r name want shown <<<"$peer"; p="$(median "$name" "$size" 4)"
      if [ "$r" = "-" ] || [ "$p" = "-" ]; then check "$size resources: ${want}x faster than $shown" - "-"
      else check "$size resources: ${want}x faster than $shown" "$(awk -v p="$p" -v r="$r" -v w="$want" 'BEGIN { print (p / r >= w) ? 1 : 0 }')" "$(ratio "$p" "$r")"; fi
    done
    f="$(median floor "$size" 4)"
    if [ "$r" = "-" ] || [ "$f" = "-" ]; then check "$size resources: within 3x of the floor (both native)" - "-"
    else check "$size resources: within 3x of the floor (both native)" "$(awk -v f="$f" -v r="$r" 'BEGIN { print (r / f <= 3) ? 1 : 0 }')" "$(ratio "$r" "$f")"; fi
  done
  k="$(median rampart 5000 5)"
  if [ "$k" = "-" ]; then check "5,000 resources: peak below 150 MiB" - "-"
  else check "5,000 resources: peak below 150 MiB" "$(awk -v k="$k" 'BEGIN { print (k / 1024 < 150) ? 1 : 0 }')" "$(mib "$k") MiB"; fi
  a="$(median rampart 1000 4)"; b="$(median rampart 5000 4)"
  if [ "$a" = "-" ] || [ "$b" = "-" ]; then check "linear growth 1,000 to 5,000 (time per resource at 5,000 at most 1.5x that at 1,000)" - "-"
  else check "linear growth 1,000 to 5,000 (time per resource at 5,000 at most 1.5x that at 1,000)" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { print ((b / 5000) <= 1.5 * (a / 1000)) ? 1 : 0 }')" \
    "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f then %.3f ms per resource; each resource past 1,000 adds %.3f ms", 1000 * a / 1000, 1000 * b / 5000, 1000 * (b - a) / 4000 }')"; fi
} >>"$WORK/report.md"

cp "$WORK/report.md" "$RESULTS/latest.md"
{ echo -e "tool\tsize\trun\tseconds\tpeak_kib\tcpu_seconds"; tr ' ' '\t' <"$WORK/raw.tsv"; } >"$RESULTS/latest.tsv"
rm -rf "$RESULTS/work" && mv "$WORK" "$RESULTS/work"
cat "$RESULTS/latest.md"
echo
echo "(written to bench/results/latest.md and bench/results/latest.tsv)"

if [ "$failed_tools" = 1 ]; then exit 2; fi
if [ "$TARGETS" = 1 ] && [ "$missed" = 1 ]; then exit 1; fi
exit 0
