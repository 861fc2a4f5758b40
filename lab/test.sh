#!/bin/bash
# Shell tests of the lab scripts themselves (run as root):  lab/test.sh
# Wipes any lab left behind, brings it up with 3 hosts, checks the acceptance points, resets,
# runs down --wipe and checks nothing is left, then (if the lab was up when the tests began) brings 3 hosts up again.
# Last line: "N passed, M failed"; exit status non-zero when something failed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root

PASS=0 FAIL=0
ok()   { PASS=$((PASS+1)); printf 'ok   - %s\n' "$1"; }
bad()  { FAIL=$((FAIL+1)); printf 'FAIL - %s\n' "$1"; [ -z "${2:-}" ] || printf '       %s\n' "$2"; }
# check "description" command...   (passes when the command exits 0)
check() { local d=$1; shift; local out; if out=$("$@" 2>&1); then ok "$d"; else bad "$d" "$(printf '%s' "$out" | tail -3 | tr '\n' ' ')"; fi; }
# check_not "description" command...   (passes when the command fails)
check_not() { local d=$1; shift; if "$@" >/dev/null 2>&1; then bad "$d" "command succeeded: $*"; else ok "$d"; fi; }
on() { local h=$1; shift; ssh -F "$SSH_CONFIG" -o ConnectTimeout=5 "$h" "$@" </dev/null; }
eq() { [ "$1" = "$2" ] || { echo "expected [$2] got [$1]"; return 1; }; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

was_up=
[ -f "$HOSTS_TXT" ] && was_up=1
# Start from nothing: a lab left behind (stopped or converged by an earlier run, e.g. the demo)
# keeps its overlays, and the checks below are about what a first up.sh gives.
"$LAB_DIR/down.sh" --wipe >/dev/null

echo "# naming and addresses"
check "host names follow k8s-master, k8s-slave1, k8s-slave2, node4" \
  eq "$(host_name 1) $(host_name 2) $(host_name 3) $(host_name 4) $(host_name 50)" "k8s-master k8s-slave1 k8s-slave2 node4 node50"
check "addresses 127.0.10.1.. then 127.0.11.x past .254" \
  eq "$(host_addr 1) $(host_addr 3) $(host_addr 254) $(host_addr 255) $(host_addr 256)" "127.0.10.1 127.0.10.3 127.0.10.254 127.0.11.1 127.0.11.2"
check_not "state root under /tmp is refused" env RIGGER_LAB_STATE=/tmp/lab-x "$LAB_DIR/up.sh" 1
check_not "state root under /etc is refused" env RIGGER_LAB_STATE=/etc/lab-x "$LAB_DIR/up.sh" 1

echo "# up"
t=$(now)
check "up.sh 3 brings 3 hosts up" "$LAB_DIR/up.sh" 3
echo "#   up.sh 3 took $(elapsed "$t")s"
check "hosts.txt lists the 3 hosts" eq "$(cat "$HOSTS_TXT")" "k8s-master 127.0.10.1
k8s-slave1 127.0.10.2
k8s-slave2 127.0.10.3"
check "known_hosts has each host's real key" bash -c \
  "for n in k8s-master k8s-slave1 k8s-slave2; do grep -qF \"\$(cut -d' ' -f2 $STATE/hosts/\$n/ssh_host_ed25519_key.pub)\" $KNOWN_HOSTS || exit 1; done; [ \$(wc -l < $KNOWN_HOSTS) = 3 ]"
check "ssh config has a Host entry per host" bash -c "[ \$(grep -c '^Host ' $SSH_CONFIG) = 3 ] && grep -q 'StrictHostKeyChecking yes' $SSH_CONFIG"
check "inventory: [master] k8s-master, [workers] the rest, with key path" bash -c \
  "awk '/^\\[master\\]/{g=\"m\"} /^\\[workers\\]/{g=\"w\"} /ansible_host=/{print g, \$1}' '$INVENTORY' | tr '\n' ' ' | grep -qx 'm k8s-master w k8s-slave1 w k8s-slave2 ' && grep -q 'ansible_ssh_private_key_file=$CLIENT_KEY' '$INVENTORY' && grep -q 'ansible_user=root' '$INVENTORY'"
pids_before=$(cat "$STATE"/hosts/*/unshare.pid | sort | tr '\n' ' ')
t=$(now)
check "up.sh 3 again is idempotent (nothing restarted)" bash -c \
  "'$LAB_DIR/up.sh' 3 2>&1 | grep -q '(0 started)' && [ \"\$(cat $STATE/hosts/*/unshare.pid | sort | tr '\n' ' ')\" = '$pids_before' ]"
echo "#   second up.sh 3 took $(elapsed "$t")s"

echo "# isolation"
for n in k8s-master k8s-slave1 k8s-slave2; do
  check "hostname on $n prints $n" eq "$(on $n hostname)" "$n"
done
check "fresh seed: /etc/hostname differs from the host name" bash -c "[ \"\$(ssh -F $SSH_CONFIG k8s-master cat /etc/hostname)\" != k8s-master ]"
check "fresh seed: /etc/fstab has a swap line" on k8s-slave1 "grep -Eq '^[^#].*[[:space:]]swap[[:space:]]' /etc/fstab"
check "fresh seed: no kubernetes repo, no kubelet" on k8s-slave1 "! ls /etc/yum.repos.d/* 2>/dev/null && ! rpm -q kubelet"
check "releasever is 8, yum is dnf" on k8s-master "[ \"\$(cat /etc/dnf/vars/releasever)\" = 8 ] && [ \"\$(readlink -f /usr/bin/yum)\" = \"\$(readlink -f /usr/bin/dnf)\" ]"
marker="lab-test-$$-$RANDOM"
check "write to /etc/hosts on k8s-master" on k8s-master "echo '127.0.10.99 $marker' >> /etc/hosts && grep -q $marker /etc/hosts"
check_not "... not seen on k8s-slave1" on k8s-slave1 "grep -q $marker /etc/hosts"
check_not "... not seen on the machine itself" grep -q "$marker" /etc/hosts
check "/root in a host is a clean skeleton (not the machine's /root)" bash -c \
  "[ \"\$(ssh -F $SSH_CONFIG k8s-master 'ls -A /root' | tr '\n' ' ')\" != \"\$(ls -A /root | tr '\n' ' ')\" ] && ssh -F $SSH_CONFIG k8s-master '[ -f /root/.ssh/authorized_keys ]'"
check_not "hosts cannot read the lab's client key" on k8s-master "cat $CLIENT_KEY"
check "hosts can read the RPM repo (read-only)" on k8s-master "[ -f $STATE/repo/kubernetes/repodata/repomd.xml ] && ! touch $STATE/repo/x"
check "private /tmp" bash -c "ssh -F $SSH_CONFIG k8s-master 'touch /tmp/$marker' && [ ! -e /tmp/$marker ] && ! ssh -F $SSH_CONFIG k8s-slave1 'test -e /tmp/$marker'"
check "own PID namespace (host init is PID 1)" on k8s-master "grep -q hostinit /proc/1/cmdline"
check "lab sshd listens only on the hosts' own loopback addresses, port 22" bash -c \
  "ss -Hltn | awk '{print \$4}' | grep -E ':22\$' | sort > /tmp/lab-test-ss.$$; \
   diff <(printf '127.0.10.1:22\n127.0.10.2:22\n127.0.10.3:22\n') /tmp/lab-test-ss.$$; rc=\$?; rm -f /tmp/lab-test-ss.$$; exit \$rc"

echo "# packages"
repo_cmd="printf '[kubernetes]\nname=Kubernetes\nbaseurl=file://$STATE/repo/kubernetes\nenabled=1\ngpgcheck=0\n' > /etc/yum.repos.d/kubernetes.repo; printf '[docker-ce]\nname=Docker CE\nbaseurl=file://$STATE/repo/docker-ce\nenabled=1\ngpgcheck=0\n' > /etc/yum.repos.d/docker-ce.repo"
check "add the lab repos on k8s-master" on k8s-master "$repo_cmd"
check "yum install -y kubelet-1.16.2 && rpm -q kubelet (k8s-master)" on k8s-master "yum install -y -q kubelet-1.16.2 >/dev/null && rpm -q kubelet | grep -qx kubelet-1.16.2-0.x86_64"
check "kubelet marker prints its version" eq "$(on k8s-master kubelet --version)" "Kubernetes v1.16.2"
check_not "k8s-slave1 has no kubelet" on k8s-slave1 "rpm -q kubelet || command -v kubelet"
check_not "the machine has no kubelet" bash -c "rpm -q kubelet || command -v kubelet"
check "upgrade to 1.17.0 and downgrade to 1.16.2 (kubeadm)" on k8s-master \
  "yum install -y -q kubeadm-1.16.2 >/dev/null && yum upgrade -y -q kubeadm >/dev/null && kubeadm version -o short | grep -qx v1.17.0 && yum downgrade -y -q kubeadm-1.16.2 >/dev/null && rpm -q kubeadm | grep -q 1.16.2"
check "yum remove kubeadm" on k8s-master "yum remove -y -q kubeadm >/dev/null && ! rpm -q kubeadm"
check_not "fresh host has no docker/kubectl even if the machine has them" on k8s-slave2 "command -v docker || command -v kubectl || command -v kubeadm"
check "docker-ce installs" on k8s-master "yum install -y -q docker-ce >/dev/null && docker --version | grep -q 19.03.5"

echo "# services"
check "systemctl start kubelet" on k8s-master "systemctl start kubelet"
check "systemctl is-active kubelet = active, process runs" on k8s-master "sleep 0.3; systemctl is-active kubelet | grep -qx active && pgrep -x kubelet"
check "systemctl enable kubelet / is-enabled" on k8s-master "systemctl enable kubelet && systemctl is-enabled kubelet | grep -qx enabled"
check "systemctl stop kubelet" on k8s-master "systemctl stop kubelet; ! systemctl is-active kubelet && ! pgrep -x kubelet"
check "sysv: service docker start / status / stop" on k8s-master \
  "service docker start && service docker status && service docker stop && ! service docker status"
check "nginx starts on k8s-master's own address via systemctl" on k8s-master "systemctl start nginx && systemctl is-active nginx"
check "nginx answers on 127.0.10.1:80 (from the machine)" bash -c "exec 3<>/dev/tcp/127.0.10.1/80 && printf 'GET / HTTP/1.0\r\n\r\n' >&3 && head -1 <&3 | grep -q ' 200 '"
check_not "nothing listens on 127.0.10.2:80" bash -c "exec 3<>/dev/tcp/127.0.10.2/80"
check "systemctl stop nginx" on k8s-master "systemctl stop nginx; ! systemctl is-active nginx"
check_not "nginx is gone from 127.0.10.1:80" bash -c "exec 3<>/dev/tcp/127.0.10.1/80"
check "sysv: service nginx start / status / stop" on k8s-master "service nginx start && service nginx status && service nginx stop"
check "a daemon left running before reset" on k8s-master "systemctl start kubelet && systemctl is-active kubelet"

echo "# reset"
key_before=$(cat "$STATE/hosts/k8s-master/ssh_host_ed25519_key.pub")
t=$(now)
check "reset.sh k8s-master" "$LAB_DIR/reset.sh" k8s-master
dt=$(elapsed "$t")
echo "#   reset.sh k8s-master took ${dt}s"
check "reset of one host takes under 2 s" awk -v d="$dt" 'BEGIN{exit !(d < 2)}'
check "after reset: kubelet and repos are gone, /etc/hosts is back" on k8s-master \
  "! rpm -q kubelet && ! ls /etc/yum.repos.d/* 2>/dev/null && ! grep -q $marker /etc/hosts && ! pgrep -x kubelet"
check "after reset: same host key, hostname still k8s-master" bash -c \
  "[ \"\$(cat $STATE/hosts/k8s-master/ssh_host_ed25519_key.pub)\" = '$key_before' ] && [ \"\$(ssh -F $SSH_CONFIG k8s-master hostname)\" = k8s-master ]"
t=$(now)
check "reset.sh (all hosts)" "$LAB_DIR/reset.sh"
echo "#   reset.sh (3 hosts) took $(elapsed "$t")s"
check "reset.sh with its output on a pipe returns (hosts keep no caller descriptor)" \
  timeout 30 bash -c "'$LAB_DIR/reset.sh' k8s-slave1 2>&1 | cat >/dev/null"
check "concurrent reset.sh / up.sh are serialized and all succeed" bash -c \
  "'$LAB_DIR/reset.sh' k8s-master >/dev/null 2>&1 & a=\$!; '$LAB_DIR/reset.sh' k8s-slave2 >/dev/null 2>&1 & b=\$!; '$LAB_DIR/up.sh' 3 >/dev/null 2>&1 & c=\$!; wait \$a && wait \$b && wait \$c && for n in k8s-master k8s-slave1 k8s-slave2; do ssh -F $SSH_CONFIG \$n true || exit 1; done"
check_not "reset.sh refuses an unknown host" "$LAB_DIR/reset.sh" no-such-host

# reboot and power off: lab/test-reboot.sh (also runnable alone on one host)
rb=$("$LAB_DIR/test-reboot.sh" k8s-slave2 2>&1) || true
printf '%s\n' "$rb" | sed '$d'
if [[ $(printf '%s\n' "$rb" | tail -1) =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
  PASS=$((PASS + BASH_REMATCH[1])); FAIL=$((FAIL + BASH_REMATCH[2]))
else
  bad "lab/test-reboot.sh k8s-slave2 ran to its end" "$(printf '%s' "$rb" | tail -3 | tr '\n' ' ')"
fi

echo "# any clone location (under /tmp)"
clone=$(mktemp -d /tmp/rigger-clone.XXXXXX)
mkdir -p "$clone/lab" && cp -a "$LAB_DIR"/*.sh "$LAB_DIR/labpower" "$clone/lab/"
check "up.sh from a clone under /tmp writes that clone's inventory" bash -c \
  "'$clone/lab/up.sh' 3 >/dev/null 2>&1 && grep -q '^k8s-master ansible_host=127.0.10.1' '$clone/inventories/lab.ini' && [ \"\$(ssh -F $SSH_CONFIG k8s-slave2 hostname)\" = k8s-slave2 ]"
rm -rf "$clone"

echo "# down"
check "down.sh (keep state) then up.sh 3 keeps host keys" bash -c \
  "'$LAB_DIR/down.sh' >/dev/null 2>&1 && [ ! -f $HOSTS_TXT ] && '$LAB_DIR/up.sh' 3 >/dev/null 2>&1 && [ \"\$(cat $STATE/hosts/k8s-master/ssh_host_ed25519_key.pub)\" = '$key_before' ] && ssh -F $SSH_CONFIG k8s-master true"
pids=$(cat "$STATE"/hosts/*/unshare.pid "$STATE"/hosts/*/supervisor.pid | tr '\n' ' ')
# the hosts' PID-1 inits and sshds (machine numbering)
kids=$(for p in $pids; do cat /proc/$p/task/$p/children 2>/dev/null; done | tr '\n' ' ')
check "down.sh --wipe" "$LAB_DIR/down.sh" --wipe
# (a zombie is not left running: where the machine's PID 1 does not reap, killed orphans stay as <defunct>)
check "no lab process is left" bash -c \
  "for p in $pids $kids; do if [ -r /proc/\$p/stat ] && ! grep -q ') Z' /proc/\$p/stat; then echo alive \$p; exit 1; fi; done; ! ps -eo stat=,args= | grep -v '^Z' | grep -v grep | grep -qE 'hostinit.sh|hostsup.sh'"
check "no sshd listens on 127.0.10.x" bash -c "! ss -Hltn | grep -q '127\\.0\\.1[01]\\.'"
check "no mount of the lab is left" bash -c "! grep -qE '$STATE|lab-(etc|var|usr|opt|root|tmp|run)' /proc/self/mountinfo"
check "no state folder, no inventory left" bash -c "[ ! -e '$STATE' ] && [ ! -e '$INVENTORY' ]"

if [ -n "$was_up" ]; then
  echo "# restoring the lab (3 hosts)"
  "$LAB_DIR/up.sh" 3 >/dev/null 2>&1 || bad "restore: up.sh 3"
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
