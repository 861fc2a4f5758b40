#!/usr/bin/env bash
# Rigger against ansible-playbook on the lab, the same workload written twice
# (bench/workload/ansible.yml and bench/workload/rigger.yml). See docs/performance.md.
#
#   bench/run.sh [--runs K] [--large-runs K] [--sizes "3 20 50"] [--ansible-scenarios "..."]
#                [--ansible-fresh-max N] [--smoke]        (bench/lib/bench.py --help says more)
#
# Installs ansible-core with apt-get if missing, brings the lab up with enough hosts (never fewer
# than are running), then runs bench/lib/bench.py. Env: BENCH_FIRST_HOST (default 1: the hosts
# used are lab hosts #FIRST.. #FIRST+N-1), BENCH_RIGGER (default: the repository's ./rigger),
# BENCH_OUT (default bench/out). Needs root, as the lab does. --smoke: N=3, one run of each,
# no timing judgement; exits non-zero when a run fails or the tools disagree on state or changes.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"

sizes="3 20 50"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --sizes) sizes="${args[i + 1]}" ;;
    --sizes=*) sizes="${args[i]#--sizes=}" ;;
    --smoke) sizes=3 ;;
  esac
done
largest=$(printf '%s\n' $sizes | sort -n | tail -1)
first="${BENCH_FIRST_HOST:-1}"
need=$((first + largest - 1))

if ! command -v ansible-playbook >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ansible-core
fi
for tool in python3 ssh java; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (./demo installs what Rigger needs)" >&2; exit 1; }
done

# up.sh N also stops hosts past N: only ever grow the lab here
state="${RIGGER_LAB_STATE:-/srv/rigger-lab}"
running=0
[ -f "$state/hosts.txt" ] && running=$(grep -c . "$state/hosts.txt" || true)
if [ "$running" -lt "$need" ]; then
  "$root/lab/up.sh" "$need"
fi

exec python3 "$bench/lib/bench.py" "$@"
