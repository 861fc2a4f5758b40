#!/bin/bash
# Lab test of the seed's swap preflight rule against CentOS 7's LVM naming, on node43-45:
# /proc/swaps (the lab's labproc) names the swap volume /dev/dm-1 while fstab says
# /dev/mapper/cl-swap (node43), UUID=... (node44) or /dev/cl/swap (node45). The rule must
# compare devices and pass; the swap task then turns swap off for good; a swapfile outside fstab
# still stops the run, naming only that file; the disk rule stops a host whose images to pull
# would take its disk below the kubelet's imagefs.available<15%. RIGGER=path/to/rigger.jar runs that jar instead of
# ./rigger. The rule as it was (string comparison) is run too and must fail.
set -u
cd "$(dirname "$0")"
ROOT="$(cd ../../.. && pwd)"
if [ -n "${RIGGER:-}" ]; then rigger() { java -jar "$RIGGER" "$@"; }; else rigger() { "$ROOT/rigger" "$@"; }; fi
HOSTS="node43 node44 node45"
SSH="ssh -F /srv/rigger-lab/ssh/config"
OUT=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$OUT"' EXIT
PASS=0; FAIL=0
ok()   { PASS=$((PASS + 1)); echo "ok   $1"; }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL $1"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
on()   { $SSH "$1" "$2"; }
INV=$OUT/inventory.ini
{
  echo "[master]"; echo "node43 ansible_host=127.0.10.43 ansible_user=root ansible_ssh_private_key_file=/srv/rigger-lab/ssh/id_ed25519"
  echo "[workers]"
  for n in 44 45; do echo "node$n ansible_host=127.0.10.$n ansible_user=root ansible_ssh_private_key_file=/srv/rigger-lab/ssh/id_ed25519"; done
  echo "[all:vars]"; echo "ansible_ssh_common_args='-o UserKnownHostsFile=/srv/rigger-lab/ssh/known_hosts'"
} >"$INV"
play() {  # play NAME PLAYBOOK [args...]
    local name=$1 book=$2; shift 2
    rigger play -i "$INV" "$book" -e @"$ROOT/inventories/lab-vars.yml" --report-json "$OUT/$name.json" "$@" >"$OUT/$name.txt" 2>&1
}
count() { python3 -c "import json; print(json.load(open('$OUT/$1.json'))['hosts']['$3']['$2'])"; }
failed() { python3 -c "
import json
for t in json.load(open('$OUT/$1.json'))['tasks']:
    if t['status'] == 'failed': print(t['host'] + '|' + t['task'])"; }
swaps() { on "$1" '/srv/rigger-lab/repo/k8s/labproc /proc/swaps | tail -n +2 | cut -f1'; }

"$ROOT/lab/reset.sh" $HOSTS >/dev/null
on node44 "sed -i 's|^/dev/mapper/cl-swap|UUID=4b2d3c4e-lab0-4f5e-9a1b-000000000002|' /etc/fstab"
on node45 "sed -i 's|^/dev/mapper/cl-swap|/dev/cl/swap|' /etc/fstab"

echo "== the lab names swap as CentOS 7 does"
for h in $HOSTS; do check "$h: /proc/swaps says /dev/dm-1" test "$(swaps $h)" = /dev/dm-1; done
check "node43: fstab says /dev/mapper/cl-swap -> ../dm-1" on node43 'grep -q "^/dev/mapper/cl-swap" /etc/fstab && test "$(readlink /dev/mapper/cl-swap)" = ../dm-1'

echo "== the rule as it was compares spellings and stops the run (what this fixes)"
python3 - "$ROOT/playbooks/preflight.yml" "$ROOT/playbooks/.preflight-old.yml" <<'PY'   # the swap fact as it was: fstab's spelling
import sys
s = open(sys.argv[1]).read()
a = s.index("    swap_outside_fstab: >-"); b = s.index("    etcd_entries:")
old = """    swap_outside_fstab: >-
      {{ proc_reader }} /proc/swaps | awk 'NR>1{print $1}' | while read -r d; do
      awk -v d="$d" '$1==d && $3=="swap" {f=1} END {exit !f}' /etc/fstab || echo "$d"; done
"""
open(sys.argv[2], "w").write(s[:a] + old + s[b:])
PY
sed 's|preflight.yml|.preflight-old.yml|' lab/swap-off.yml >lab/.swap-off-old.yml
play old lab/.swap-off-old.yml; rc=$?
rm -f "$ROOT/playbooks/.preflight-old.yml" lab/.swap-off-old.yml
check "old rule: run stopped (exit 2)" test $rc = 2
check "old rule: false alarm on node43" grep -qx 'node43|preflight: no swap kubeadm would refuse' <(failed old)

echo "== devices compared: the rule passes, the swap task turns swap off"
play apply lab/swap-off.yml; rc=$?
check "apply: exit 0" test $rc = 0
check "apply: the swap task ran on every host" test "$(grep -c 'swap off' "$OUT/apply.txt")" -ge 1
for h in $HOSTS; do
    check "$h: swap rule passed (no failure)" test -z "$(failed apply | grep "^$h|")"
    check "$h: swap task changed" test "$(count apply changed $h)" = 1
    check "$h: swap is off (/proc/swaps empty)" test -z "$(swaps $h)"
    check "$h: fstab entry commented" on "$h" "grep -Eq '^#(/dev/mapper/cl-swap|UUID=|/dev/cl/swap)' /etc/fstab"
done
play again lab/swap-off.yml; rc=$?
check "again: exit 0" test $rc = 0
for h in $HOSTS; do check "again: $h changed=0" test "$(count again changed $h)" = 0; done

echo "== a swapfile outside fstab still stops the run, named alone"
on node44 "sed -i 's|^#UUID=|UUID=|' /etc/fstab && mkdir -p /etc/rigger-lab/proc && printf 'Filename\tType\tSize\tUsed\tPriority\n/dev/dm-1\tpartition\t4194300\t0\t-2\n/swapfile\tfile\t1024\t0\t-3\n' >/etc/rigger-lab/proc/swaps"
play outside lab/swap-off.yml; rc=$?
check "outside: run stopped (exit 2)" test $rc = 2
check "outside: only node44 fails the rule" test "$(failed outside)" = 'node44|preflight: no swap kubeadm would refuse'
check "outside: /swapfile named, /dev/dm-1 not" grep -q 'swap is active on /swapfile, which' "$OUT/outside.txt"

echo "== the disk rule: the kubelet's eviction thresholds after the images still to pull"
play disk lab/swap-off.yml -e images_worker_mb=300000; rc=$?
check "disk: run stopped (exit 2)" test $rc = 2
check "disk: node45 fails room under /var/lib" grep -qx 'node45|preflight: room under /var/lib' <(failed disk)
check "disk: node43 (master, 900 MB to pull) passes" test -z "$(failed disk | grep '^node43|')"
check "disk: says which threshold" grep -q 'after pulling about 300000 MB of images, below the kubelet eviction threshold imagefs.available<15%' "$OUT/disk.txt"

"$ROOT/lab/reset.sh" $HOSTS >/dev/null
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
