#!/usr/bin/env bash
# Lab tests of the built-in host modules through the real command line, one script per family,
# each on its own lab hosts (files: node4-5, packages: node6-7, packages/apt: node53-54, system: node8-9, settings: node20-21): check changes
# nothing, apply converges, a second apply changes nothing, hostile values run nothing. The
# differential family runs the same playbooks with ansible-playbook (node46) and rigger (node47)
# and compares verdicts, registered values and the files left behind; the ansible family does the
# same for accounts and services (node51-52), with seeded hosts and per-scenario state.
# The settings family covers mount, timezone and locale_gen.
# The differential family's playbooks include ini.yml (ini_file), cron.yml (cron), mount.yml, authorized_key.yml, known_hosts.yml, selinux.yml, firewalld.yml,
# unarchive.yml (unarchive), wait_for.yml (wait_for), apt.yml and apt-change.yml (apt), package.yml. Shell helpers shared by the
# families are in lib.sh. The projects family runs the vendored public multi-role projects
# (test-data/ansible-projects) on node60-68: syntax check, check mode, and beside ansible-playbook.
# Ends with "N passed, M failed"; exits non-zero when anything failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/lib.sh"
need_tool jq jq
lab_need 68   # the highest host a family uses (projects: node68); never shrinks a larger lab
"$root/rigger" --version >/dev/null   # build once, before the families time anything
pass=0 fail=0
for family in files packages packages/apt system settings differential ansible projects; do
  echo "== $family"
  out=$(bash "$here/$family/labtest.sh" 2>&1); rc=$?
  echo "$out" | grep -v '^ok ' || true
  line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1)
  p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
  pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
  [ $rc -eq 0 ] || [ "${f:-1}" -gt 0 ] || fail=$((fail + 1))
done
echo "modules: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
