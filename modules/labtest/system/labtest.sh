#!/bin/bash
# Lab test of the system family (hostname, sysctl, modprobe, swap, service) on node8 and node9:
# check changes nothing, apply converges, a second apply changes nothing, real daemons start and
# stop, hostile values are rejected or land literally. The machine's kernel is never changed:
# its ip_forward, bridge sysctl and swaps are compared before and after.
set -u
cd "$(dirname "$0")"
ROOT="$(cd ../../.. && pwd)"
RIGGER="$ROOT/rigger"   # the real command line, built when missing
HOSTS="node8 node9"
SSH="ssh -F /srv/rigger-lab/ssh/config"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
PASS=0; FAIL=0

ok()   { PASS=$((PASS + 1)); echo "ok   $1"; }
bad()  { FAIL=$((FAIL + 1)); echo "FAIL $1"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
on()   { $SSH "$1" "$2"; }

play() {  # play NAME PLAYBOOK [args...]: runs rigger, report in $OUT/NAME.json, console in $OUT/NAME.txt
    local name=$1 book=$2; shift 2
    "$RIGGER" play -i inventory.ini "$book" \
        --report-json "$OUT/$name.json" "$@" >"$OUT/$name.txt" 2>&1
}
# count REPORT FIELD HOST: the recap figure
count() { python3 -c "import json,sys; print(json.load(open('$OUT/$1.json'))['hosts']['$3']['$2'])"; }
# changes REPORT: every planned change as 'host|subject|before|after', one a line
changes() {
    python3 -c "
import json
for t in json.load(open('$OUT/$1.json'))['tasks']:
    for c in t['changes']: print(t['host'], c['subject'], c['before'], c['after'], sep='|')"
}
snapshot() {  # what check mode must not touch, per host
    for h in $HOSTS; do
        on "$h" 'hostname; md5sum /etc/hostname /etc/fstab /etc/sysctl.conf /etc/sysctl.d/* /etc/modules-load.d/* 2>/dev/null;
                 ls /etc/rc2.d /etc/modprobe.d 2>&1; systemctl is-active nginx kubelet; systemctl is-enabled kubelet; ls /tmp'
    done
}
machine_kernel() { cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/bridge/bridge-nf-call-iptables /proc/swaps; }

KERNEL_BEFORE=$(machine_kernel)

echo "== fresh hosts with kubelet from the lab repo"
"$ROOT/lab"/reset.sh $HOSTS >/dev/null
for h in $HOSTS; do
    on "$h" 'printf "[kubernetes]\nname=k\nbaseurl=file:///srv/rigger-lab/repo/kubernetes\nenabled=1\ngpgcheck=0\n" >/etc/yum.repos.d/k.repo &&
             yum install -y -q kubelet-1.16.2 >/dev/null 2>&1 && rpm -q kubelet &&
             mkdir -p /var/lib/kubelet && echo "kind: KubeletConfiguration" >/var/lib/kubelet/config.yaml' >/dev/null
    # the config kubeadm init/join would write: without it the kubelet crash-loops, as the real one
    # does (lab/k8s/bin/kubelet), and this test is about the service backends of a daemon that runs
    check "$h: kubelet installed" on "$h" 'rpm -q kubelet-1.16.2'
done

echo "== check mode changes nothing and shows every change"
snapshot >"$OUT/before"
play check lab/system.yml --check --diff; rc=$?
check "check: exit 0" test $rc = 0
for h in $HOSTS; do check "check: $h reports 8 changes" test "$(count check changed $h)" = 8; done
changes check >"$OUT/check.changes"
check "check: hostname old -> new"        grep -qx 'node8|hostname (running)|node8|k8s-node8' "$OUT/check.changes"
check "check: /etc/hostname old -> new"   grep -qx 'node9|/etc/hostname|localhost.localdomain|k8s-node9' "$OUT/check.changes"
check "check: sysctl file through link"   grep -q '^node8|/etc/sysctl.conf|' "$OUT/check.changes"
check "check: fstab diff shown"           grep -q '^node8|/etc/fstab|' "$OUT/check.changes"
check "check: kubelet enable planned"     grep -qx 'node8|service kubelet enabled (systemd)|disabled|enabled' "$OUT/check.changes"
check "check: sysv backend chosen"        grep -qx 'node9|service kubelet state (sysv)|stopped|started' "$OUT/check.changes"
check "check: bridge sysctl already live" bash -c "! grep -q 'bridge-nf-call-iptables (running)' '$OUT/check.changes'"
# the machine's ip_forward is whatever its owner set (1 on hosts that run containers): plan the other
IPF_NOW=$(cat /proc/sys/net/ipv4/ip_forward); IPF_OTHER=$((1 - IPF_NOW))
play plan lab/plan-only.yml --check --diff -e ip_forward_other=$IPF_OTHER
changes plan >"$OUT/plan.changes"
check "plan: sysctl -w planned (never run)" grep -qx "node8|net.ipv4.ip_forward (running)|$IPF_NOW|$IPF_OTHER" "$OUT/plan.changes"
check "plan: modprobe planned (never run)"  grep -qx 'node8|module dummy|not loaded|loaded' "$OUT/plan.changes"
check "plan: swapon planned (never run)"    grep -q '^node9|swap devices active|none|' "$OUT/plan.changes"
snapshot >"$OUT/after"
check "check: hosts unchanged" diff "$OUT/before" "$OUT/after"

echo "== apply"
play apply lab/system.yml --diff; rc=$?
check "apply: exit 0" test $rc = 0
for h in $HOSTS; do
    n=${h#node}
    check "$h: running name"            test "$(on $h hostname)" = "k8s-$h"
    check "$h: /etc/hostname"           test "$(on $h 'cat /etc/hostname')" = "k8s-$h"
    check "$h: bridge sysctl persisted" test "$(on $h 'cat /etc/sysctl.d/k8s.conf')" = "net.bridge.bridge-nf-call-iptables=1"
    check "$h: ip_forward persisted, link kept" on $h 'grep -qx net.ipv4.ip_forward=1 /etc/sysctl.conf && test -L /etc/sysctl.d/99-sysctl.conf'
    check "$h: br_netfilter at boot"    test "$(on $h 'cat /etc/modules-load.d/br_netfilter.conf')" = "br_netfilter"
    check "$h: swap entry commented"    on $h 'grep -q "^#/dev/mapper/cl-swap" /etc/fstab && ! grep -q "^/dev/mapper/cl-swap" /etc/fstab'
    check "$h: nginx active"            test "$(on $h 'systemctl is-active nginx')" = active
    check "$h: nginx answers on 127.0.10.$n:80" test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.10.$n/)" = 200
done
check "node8: kubelet active (systemd)"   test "$(on node8 'systemctl is-active kubelet')" = active
check "node8: kubelet enabled (systemd)"  test "$(on node8 'systemctl is-enabled kubelet')" = enabled
check "node9: kubelet running (sysv)"     on node9 '/etc/init.d/kubelet status'
check "node9: kubelet boot link (sysv)"   on node9 'ls /etc/rc2.d | grep -qx "S[0-9][0-9]kubelet"'
play again lab/system.yml; rc=$?
for h in $HOSTS; do check "again: $h changed=0" test "$rc/$(count again changed $h)" = 0/0; done

echo "== stop and disable the daemons"
play stop lab/stop.yml --diff; rc=$?
check "stop: exit 0" test $rc = 0
for h in $HOSTS; do
    check "$h: nginx inactive and disabled" test "$(on $h 'systemctl is-active nginx; systemctl is-enabled nginx' | tr '\n' ' ')" = "inactive disabled "
    check "$h: no daemon process left"      test "$(on $h 'ps -e' | grep -cE 'nginx|kubelet')" = 0
done
check "node8: kubelet disabled (systemd)" test "$(on node8 'systemctl is-enabled kubelet')" = disabled
check "node9: kubelet K link only (sysv)" on node9 'ls /etc/rc2.d | grep -qx "K[0-9][0-9]kubelet" && ! ls /etc/rc2.d | grep -q "^S..kubelet"'
play stop2 lab/stop.yml; rc=$?
for h in $HOSTS; do check "stop again: $h changed=0" test "$rc/$(count stop2 changed $h)" = 0/0; done

echo "== hostile values"
play rejected lab/hostile-rejected.yml
python3 -c "
import json,sys
ts=json.load(open('$OUT/rejected.json'))['tasks']
bad=[t['task'] for t in ts if 'invalid' not in t.get('message', '')]
sys.exit(1 if bad or len(ts)!=16 else 0)" && ok "rejected: all 16 tasks fail with 'invalid ...'" || bad "rejected: all 16 tasks fail with 'invalid ...'"
play literal lab/hostile-ok.yml; rc=$?
check "literal: exit 0" test $rc = 0
for h in $HOSTS; do
    check "$h: sysctl value and odd file name literal" test "$(on $h 'cat "/etc/sysctl.d/rïgger \$(touch canary4) x.conf"')" \
        = "rigger.test_key=1 \$(touch /tmp/canary1) \`touch /tmp/canary2\`; touch /tmp/canary3 'q' \"d\""
    check "$h: module params literal" test "$(on $h 'cat /etc/modprobe.d/br_netfilter.conf')" \
        = "options br_netfilter a=\$(touch\${IFS}/tmp/canary5) b=\`touch\${IFS}/tmp/canary6\`;c"
    check "$h: no canary anywhere" test -z "$(on $h 'ls /tmp /root / /etc/sysctl.d | grep -i "^canary"')"
done
check "machine: no canary" bash -c '! ls /tmp . | grep -qi "^canary"'
play literal2 lab/hostile-ok.yml; rc=$?
for h in $HOSTS; do check "literal again: $h changed=0" test "$rc/$(count literal2 changed $h)" = 0/0; done

echo "== the machine's kernel"
check "machine: ip_forward, bridge sysctl and swaps unchanged" test "$(machine_kernel)" = "$KERNEL_BEFORE"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
