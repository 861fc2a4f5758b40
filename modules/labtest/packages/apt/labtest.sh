#!/usr/bin/env bash
# Lab checks of apt on two lab hosts (APT_LAB_HOSTS, default node53 node54) whose only source is
# the lab's apt repository (lab/build-apt-repo.sh): check changes nothing, apply converges, a
# second apply changes nothing, hostile values run nothing. The comparison with Ansible's apt is
# in ../../differential (apt.yml, apt-change.yml).
# Prints "N passed, M failed"; exits non-zero on failure.
set -u
cd "$(dirname "$0")"
. ../../lib.sh
ROOT="$(cd ../../../.. && pwd)"
RIGGER="$ROOT/rigger"
read -r -a HOSTS <<<"${APT_LAB_HOSTS:-node53 node54}"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
pass=0; fail=0
lab_need "$(for h in "${HOSTS[@]}"; do echo "${h#node}"; done | sort -n | tail -1)"
INV=$OUT/inventory.ini
lab_inventory "$INV" "${HOSTS[@]}"

ok()   { pass=$((pass + 1)); echo "ok   $1"; }
bad()  { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && echo "$2" | sed 's/^/     /'; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$(tail -15 "$OUT/last.txt" 2>/dev/null)"; fi; }
play() { local n=$1; shift; "$RIGGER" play -i "$INV" --report-json "$OUT/$n.json" "$@" >"$OUT/$n.txt" 2>&1; cp "$OUT/$n.txt" "$OUT/last.txt"; }
sum()  { jq '[.hosts[] | .'"$1"'] | add' "$OUT/$2.json"; }
zero() { [ "$(sum "$1" "$2")" = 0 ]; }
each_changed() { jq -e '[.hosts[] | .changed > 0] | all' "$OUT/$1.json" >/dev/null; }
contains() { grep -qF -- "$2" "$OUT/$1.txt"; }
everywhere() { local h; for h in "${HOSTS[@]}"; do on "$h" "$1" || return 1; done; }
snapshot() { local h; for h in "${HOSTS[@]}"; do on "$h" "dpkg-query -W -f '\${Package} \${Version} \${db:Status-Abbrev}\n' 'rd*' 2>/dev/null; ls -la /etc/rdconf.conf 2>&1"; done; }
no_canary() { everywhere 'test -z "$(find / /tmp /root -maxdepth 1 -name "hfcanary*" 2>/dev/null)"'; }

"$ROOT/lab/build-apt-repo.sh" || { echo "FAIL cannot build the lab's apt repository"; exit 1; }
"$ROOT/lab/reset.sh" "${HOSTS[@]}" >/dev/null || { echo "reset failed"; exit 2; }
everywhere "rm -f /etc/apt/sources.list.d/debian.sources; echo 'deb [trusted=yes] file:/srv/rigger-lab/repo/apt ./' >/etc/apt/sources.list.d/rdlab.list" \
  || { echo "FAIL cannot set the hosts' source"; exit 2; }

before=$(snapshot)
play install-check lab/install.yml --check --diff
check "install, check: diff names the pinned version" contains install-check "+ package rdhello = 1.1-1"
check "install, check: nothing failed" zero failed install-check
check "install, check: dpkg unchanged" test "$before" = "$(snapshot)"
play install lab/install.yml --diff
check "install, apply: every host changed" each_changed install
check "install, apply: rdhello 1.1-1 runs" everywhere 'test "$(rdhello)" = "rdhello 1.1-1"'
check "install, apply: the dependency rdlib is installed, marked auto" everywhere 'apt-mark showauto rdlib | grep -qx rdlib'
play install-again lab/install.yml
check "install, second apply: changed=0" zero changed install-again
play install-converged lab/install.yml --check
check "install, check on converged: changed=0" zero changed install-converged

play latest-check lab/latest.yml --check --diff
check "latest, check: diff names the upgrade" contains latest-check "~ package rdhello (upgrade): 1.1-1 -> 2.0-1"
check "latest, check: still 1.1-1" everywhere 'test "$(rdhello)" = "rdhello 1.1-1"'
play latest lab/latest.yml
check "latest, apply: 2.0-1" everywhere 'test "$(rdhello)" = "rdhello 2.0-1"'
play latest-again lab/latest.yml
check "latest, second apply: changed=0" zero changed latest-again

play remove lab/remove.yml --diff
check "remove, apply: diff names rdhello" contains remove "- package rdhello (2.0-1)"
check "remove, apply: gone, conffile purged, dependency autoremoved" \
  everywhere '! dpkg-query -W -f "\${db:Status-Abbrev}\n" rdhello rdconf rdapp rdlib 2>/dev/null | grep -q "^[ir]" && test ! -e /etc/rdconf.conf'
play remove-again lab/remove.yml
check "remove, second apply: changed=0" zero changed remove-again

play hostile lab/hostile.yml
check "hostile names and options: all 7 refused on every host" test "$(sum ignored hostile)" = "$((7 * ${#HOSTS[@]}))"
check "hostile names: the refusal says why" contains hostile "starts with '-' (it would be read as an option)"
check "hostile deb path: installed literally" everywhere 'test "$(rdlocal)" = "rdlocal 1.0-1"'
check "hostile values: no canary" no_canary
play hostile-again lab/hostile.yml
check "hostile deb path, second apply: changed=0" zero changed hostile-again

# apt_repository and deb822_repository (the comparison of apt_repository with Ansible's is in
# ../../differential; Ansible 2.14 has no deb822_repository)
play deb822-check lab/deb822.yml --check --diff
check "deb822, check: the diff shows the .sources file" contains deb822-check "+URIs: file:/srv/rigger-lab/repo/apt"
check "deb822, check: sources unchanged" everywhere 'test -e /etc/apt/sources.list.d/rdlab.list && test ! -e /etc/apt/sources.list.d/rd-lab.sources'
play deb822 lab/deb822.yml
check "deb822, apply: nothing failed" zero failed deb822
check "deb822, apply: the line's file removed, the .sources file written (0640), rdhello 1.0-1 installed from it" \
  everywhere 'test ! -e /etc/apt/sources.list.d/rdlab.list && test "$(stat -c %a /etc/apt/sources.list.d/rd-lab.sources)" = 640 && test "$(rdhello)" = "rdhello 1.0-1"'
check "deb822, apply: the file's text" everywhere 'test "$(cat /etc/apt/sources.list.d/rd-lab.sources)" = "$(printf "X-Repolib-Name: RD lab\nSuites: ./\nTrusted: yes\nTypes: deb\nURIs: file:/srv/rigger-lab/repo/apt")"'
play deb822-again lab/deb822.yml
check "deb822, second apply: changed=0" zero changed deb822-again
play deb822-converged lab/deb822.yml --check
check "deb822, check on converged: changed=0" zero changed deb822-converged

"$ROOT/lab/reset.sh" "${HOSTS[@]}" >/dev/null
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
