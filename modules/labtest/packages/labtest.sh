#!/usr/bin/env bash
# Lab checks of yum and yum_repository on node6/node7: check, apply, idempotency, hostile values.
# Prints "N passed, M failed"; exits non-zero on failure.
set -u
cd "$(dirname "$0")"
ROOT="$(cd ../../.. && pwd)"
RIGGER="$ROOT/rigger"   # the real command line, built when missing
LAB=${LAB:-$ROOT/lab}
HOSTS="node6 node7"
INV=lab/inventory.ini
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
pass=0; fail=0

ok()   { pass=$((pass + 1)); echo "PASS $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/     /'; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$(cat "$OUT/last.txt" 2>/dev/null | tail -15)"; fi; }
on()   { ssh -F /srv/rigger-lab/ssh/config "$1" "${@:2}"; }
# play NAME ARGS...: runs the real CLI, console in $OUT/NAME.txt (also last.txt), report in $OUT/NAME.json
play() {
  local n=$1; shift
  "$RIGGER" play -i "$INV" --report-json "$OUT/$n.json" "$@" >"$OUT/$n.txt" 2>&1
  cp "$OUT/$n.txt" "$OUT/last.txt"
}
# sum FIELD REPORT: the field summed over every host of a JSON report
sum()  { python3 -c 'import json,sys; print(sum(h[sys.argv[1]] for h in json.load(open(sys.argv[2]))["hosts"].values()))' "$1" "$2"; }
zero() { [ "$(sum "$1" "$OUT/$2.json")" = 0 ]; }
each_changed() { python3 -c 'import json,sys; sys.exit(0 if all(h["changed"]>0 for h in json.load(open(sys.argv[1]))["hosts"].values()) else 1)' "$OUT/$1.json"; }
versions() { on "$1" "rpm -q --qf '%{NAME}-%{VERSION}\\n' kubelet kubeadm kubectl" | tr '\n' ' '; }
all_at() { for h in $HOSTS; do [ "$(versions "$h")" = "kubelet-$1 kubeadm-$1 kubectl-$1 " ] || return 1; done; }
none_of_kube() { for h in $HOSTS; do on "$h" rpm -q kubelet kubeadm kubectl >/dev/null && return 1; done; return 0; }
none_installed() { for h in $HOSTS; do on "$h" rpm -q kubelet kubeadm kubectl docker-ce >/dev/null && return 1; done; return 0; }
snapshot() { for h in $HOSTS; do on "$h" 'rpm -qa | sort; ls -la --time-style=full-iso /etc/yum.repos.d; cat /etc/yum.repos.d/* 2>/dev/null'; done; }
no_canary() { for h in $HOSTS; do on "$h" 'test ! -e /root/canary && test ! -e /tmp/canary' || return 1; done; }
contains() { grep -qF -- "$2" "$OUT/$1.txt"; }

"$LAB/reset.sh" $HOSTS >/dev/null || { echo "reset failed"; exit 2; }

# --- fresh hosts: no repository yet ---
before=$(snapshot)
play fresh-check lab/fresh-check.yml --check --diff
check "fresh host, check mode: install is unknown while no repository is defined" contains fresh-check "repository kubernetes is not defined on this host yet"
check "fresh host, check mode: nothing failed" zero failed fresh-check
check "fresh host, check mode: host unchanged" test "$before" = "$(snapshot)"

# --- yum_repository ---
before=$(snapshot)
play repo-check lab/repos.yml --check --diff
check "repos, check mode: shows the files to create" contains repo-check "+ /etc/yum.repos.d/kubernetes.repo"
check "repos, check mode: host unchanged" test "$before" = "$(snapshot)"
play repo-apply lab/repos.yml
check "repos, apply: every host changed" each_changed repo-apply
check "repos, apply: kubernetes.repo is what Ansible writes" diff <(on node6 cat /etc/yum.repos.d/kubernetes.repo) lab/expected-kubernetes.repo
check "repos, apply: dnf reads both repos" test "$(on node7 dnf -q repolist --enabled | awk 'NR>1{print $1}' | sort | tr '\n' ' ')" = "docker-ce-stable kubernetes "
play repo-again lab/repos.yml
check "repos, second apply: changed=0" zero changed repo-again

# --- the seed's install: pinned versions, excludes lifted ---
before=$(snapshot)
play install-check lab/install.yml --check --diff
# nothing of these is installed: check plans as apply does, one dnf install that picks the builds
check "install, check mode: diff shows kubelet-1.16.2" contains install-check "+ package kubelet-1.16.2 = the build dnf picks"
check "install, check mode: diff shows docker-ce" contains install-check "+ package docker-ce = the build dnf picks"
check "install, check mode: rpm -q still says not installed" none_installed
check "install, check mode: host unchanged" test "$before" = "$(snapshot)"
play install lab/install.yml --diff
check "install, apply: no failure" zero failed install
check "install, apply: kubelet/kubeadm/kubectl at 1.16.2" all_at 1.16.2
check "install, apply: kubelet --version says v1.16.2" test "$(on node6 kubelet --version)" = "Kubernetes v1.16.2"
check "install, apply: docker-ce installed" on node7 "rpm -q docker-ce-19.03.5 >/dev/null"
play install-again lab/install.yml
check "install, second apply: changed=0" zero changed install-again

# --- upgrade (latest + a pinned newer version), downgrade, removal ---
play latest lab/latest.yml --diff
check "latest: diff names the upgrade" contains latest "~ package kubelet (upgrade): 1.16.2-0.x86_64 -> 1.17.0-0.x86_64"
check "latest: all at 1.17.0" all_at 1.17.0
play latest-again lab/latest.yml
check "latest, second apply: changed=0" zero changed latest-again
play downgrade lab/downgrade.yml --diff
check "downgrade: diff names the downgrade" contains downgrade "~ package kubelet (downgrade): 1.17.0-0.x86_64 -> 1.16.2-0.x86_64"
check "downgrade: all back at 1.16.2" all_at 1.16.2
play downgrade-again lab/downgrade.yml
check "downgrade, second apply: changed=0" zero changed downgrade-again

# --- failures with dnf's own words, at plan time ---
before=$(snapshot)
play missing lab/missing.yml
check "missing version: fails with dnf's message" contains missing "No match for argument: kubelet-9.9.9"
play excluded lab/excluded.yml
check "excluded without disable_excludes: fails with dnf's message" contains excluded "filtered out by exclude filtering"
check "failures: host unchanged" test "$before" = "$(snapshot)"

# --- hostile values ---
play hostile-yum lab/hostile-yum.yml
check "hostile package names: all 8 tasks rejected on both hosts" test "$(sum ignored "$OUT/hostile-yum.json")" = 16
check "hostile package names: rejection says why" contains hostile-yum "starts with '-' (it would be read as an option)"
play hostile-repo lab/hostile-repo.yml
check "hostile repo values: description landed literally" \
  on node6 'grep -qxF "name = x \$(touch /root/canary) \`touch /root/canary\`; rm -rf / '"'q'"' \"d\" é" "/etc/yum.repos.d/my répo \$(id) \`id\`; x.repo"'
check "hostile repo values: newline and path rejected" test "$(sum ignored "$OUT/hostile-repo.json")" = 4
check "hostile values: no canary on any host" no_canary

# --- removal ---
play remove lab/remove.yml --diff
check "remove: diff names each package" contains remove "- package kubectl (1.16.2-0.x86_64)"
check "remove: kubelet/kubeadm/kubectl gone" none_of_kube
play remove-again lab/remove.yml
check "remove, second apply: changed=0" zero changed remove-again
# apply on a host without any kubelet: one dnf install, no repoquery first; a missing version
# still fails with dnf's words and changes nothing
before=$(snapshot)
play missing-fresh lab/missing.yml
check "missing version, nothing installed: fails with dnf's message" contains missing-fresh "Error: Unable to find a match: kubelet-9.9.9"
check "missing version, nothing installed: every host failed" test "$(sum failed "$OUT/missing-fresh.json")" = 2
check "missing version, nothing installed: host unchanged" test "$before" = "$(snapshot)"
play repo-absent lab/repos-absent.yml --diff
check "repo absent: files removed" on node6 'test ! -e /etc/yum.repos.d/kubernetes.repo && test ! -e /etc/yum.repos.d/docker-ce.repo'
play repo-absent-again lab/repos-absent.yml
check "repo absent, second apply: changed=0" zero changed repo-absent-again

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
