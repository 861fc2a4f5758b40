#!/usr/bin/env bash
# Lab tests of the built-in host modules through the real command line, one script per family,
# each on its own lab hosts (files: node4-5, packages: node6-7, packages/apt: node53-54, system: node8-9, settings: node20-21): check changes
# nothing, apply converges, a second apply changes nothing, hostile values run nothing. The
# differential family runs the same playbooks with ansible-playbook and rigger on host pairs
# (node46/47, node94/95, node96/97; lib.sh's diff_hosts) and compares verdicts, registered values
# and the files left behind; the ansible family does the
# same for accounts and services (node51-52), with seeded hosts and per-scenario state.
# The settings family covers mount, timezone and locale_gen.
# The differential family's playbooks include ini.yml (ini_file), cron.yml (cron), mount.yml, authorized_key.yml, known_hosts.yml, selinux.yml, firewalld.yml, fetch.yml, openssl_dhparam.yml, openssh_keypair.yml,
# unarchive.yml (unarchive), wait_for.yml (wait_for), apt.yml and apt-change.yml (apt), package.yml, mysql.yml (mysql_db/user/replication against a MariaDB started in each host). Shell helpers shared by the
# families are in lib.sh. The projects family runs the vendored public multi-role projects
# (test-data/ansible-projects) on node60-68: syntax check, check mode, and beside ansible-playbook.
# Ends with "N passed, M failed"; exits non-zero when anything failed.
#
# The families use disjoint hosts, so they run side by side, RIGGER_LAB_JOBS at a time (default 3),
# the longest started first; each family's output is kept whole and printed in the order below as
# soon as it and those before it are done, with the seconds it took.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh"
need_tool jq jq
lab_need "$(highest_host node68 $(diff_hosts))"   # the highest host a family uses (projects: node68, differential: its pairs); never shrinks a larger lab
"$root/lab/build-apt-repo.sh" || { echo "FAIL cannot build the lab's apt repository"; exit 1; }   # once: apt and differential read it
rigger_warm node4   # build the CLI and its class-data archive once, before the families time anything
families=(files packages packages/apt system settings differential ansible projects)
start_order=(differential projects settings system packages packages/apt files ansible)   # longest first
jobs=${RIGGER_LAB_JOBS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
key() { echo "${1//\//-}"; }
( for family in "${start_order[@]}"; do
      while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
      ( t0=$SECONDS; bash "$here/$family/labtest.sh" >"$tmp/$(key "$family").out" 2>&1; rc=$?
        echo "$rc $((SECONDS - t0))" >"$tmp/$(key "$family").rc.part" && mv "$tmp/$(key "$family").rc.part" "$tmp/$(key "$family").rc" ) &
  done
  wait ) &
pass=0 fail=0
for family in "${families[@]}"; do
  k=$(key "$family")
  until [ -f "$tmp/$k.rc" ] || [ -z "$(jobs -rp)" ]; do sleep 1; done
  [ -f "$tmp/$k.rc" ] || echo "1 0" >"$tmp/$k.rc"   # the scheduler is gone without running it: a failure
  read -r rc secs <"$tmp/$k.rc"
  out=$(cat "$tmp/$k.out" 2>/dev/null)
  echo "== $family ($secs s)"
  echo "$out" | grep -v '^ok ' || true
  line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
  p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
  [ "$rc" -eq 0 ] || [ "${f:-1}" -gt 0 ] || fail=$((fail + 1))
done
wait
echo "modules: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
