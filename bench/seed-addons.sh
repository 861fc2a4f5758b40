#!/usr/bin/env bash
# The seed's add-ons (flannel, test nginx, dashboard, admin account) on a converged seed cluster:
# ansible-playbook with kubernetes.core.k8s (bench/workload/addons-ansible.yml) against Rigger's
# kubectl_apply (bench/workload/addons-rigger.yml), no-change apply and check; docs/performance.md.
#
#   bench/seed-addons.sh [--converge] [--runs K] [--hosts "MASTER WORKER WORKER"]
#
# --converge: lab/reset.sh the hosts and build the seed cluster on them with Rigger's
# playbooks/site.yml first (the hosts must be up: lab/up.sh). Needs Debian's `ansible` (the
# kubernetes.core collection) and python3-kubernetes, installed with apt-get when missing (hosts
# share the machine's /usr). Env: BENCH_RIGGER (default ./rigger), BENCH_OUT (default bench/out).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$bench")"
hosts="node40 node41 node42"
converge=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --converge) converge=1 ;;
    --hosts) hosts="$2"; args+=(--hosts "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if [ ! -d /usr/lib/python3/dist-packages/ansible_collections/kubernetes/core ] || ! /usr/bin/python3 -c 'import kubernetes' 2>/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ansible python3-kubernetes
fi
if [ "$converge" = 1 ]; then
  out="${BENCH_OUT:-$bench/out}"; mkdir -p "$out"
  "$root/lab/reset.sh" $hosts
  python3 -c "import sys; sys.path.insert(0, '$bench/lib'); import addons; addons.inventory(sys.argv[2:], sys.argv[1])" "$out/addons-inventory.ini" $hosts
  "${BENCH_RIGGER:-$root/rigger}" play -i "$out/addons-inventory.ini" -e @"$root/inventories/lab-vars.yml" "$root/playbooks/site.yml" >"$out/addons-converge.log" 2>&1 \
    || { tail -20 "$out/addons-converge.log" >&2; exit 1; }
fi
exec python3 "$bench/lib/addons.py" "${args[@]}"
