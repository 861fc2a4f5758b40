#!/bin/bash
# Shell tests of a lab host's power cycle (run as root, by lab/test.sh or alone on a host you may
# use):  lab/test-reboot.sh HOST
# Reboots HOST several ways (shutdown -r, reboot, systemctl reboot, reboot(2)) and checks each
# time what a real reboot does: the SSH sessions drop, every process dies, /tmp and /run are
# empty, the disk (overlay uppers) is kept, same host key, a new boot id; then powers it off
# (stays down) and brings it back with lab/up.sh (as many hosts as hosts.txt lists).
# Last line: "N passed, M failed"; exit status non-zero when something failed.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
[ $# = 1 ] || die "usage: lab/test-reboot.sh HOST"
H=$1
grep -q "^$H " "$HOSTS_TXT" || die "unknown or not-up host: $H"

PASS=0 FAIL=0
ok()   { PASS=$((PASS+1)); printf 'ok   - %s\n' "$1"; }
bad()  { FAIL=$((FAIL+1)); printf 'FAIL - %s\n' "$1"; [ -z "${2:-}" ] || printf '       %s\n' "$2"; }
check() { local d=$1; shift; local out; if out=$("$@" 2>&1); then ok "$d"; else bad "$d" "$(printf '%s' "$out" | tail -3 | tr '\n' ' ')"; fi; }
on() { ssh -F "$SSH_CONFIG" -o ConnectTimeout=5 "$H" "$@" </dev/null; }
boot_id() { ssh -F "$SSH_CONFIG" -o ConnectTimeout=2 "$H" cat /proc/sys/kernel/random/boot_id </dev/null 2>/dev/null; }
# Wait (up to 60 s) until the host answers with a boot id other than $1; prints it.
wait_new_boot() {
  local b i
  for i in $(seq 1 300); do
    b=$(boot_id) && [ -n "$b" ] && [ "$b" != "$1" ] && { echo "$b"; return 0; }
    sleep 0.2
  done
  return 1
}

# One reboot through TRIGGER (a command run in the host), with the checks around it.
reboot_by() {
  local how=$1 trigger=$2 before after key sess i mark=lab-reboot-$$-$RANDOM
  before=$(boot_id) || { bad "$how: host answers before the reboot"; return; }
  key=$(cat "$(host_dir "$H")/ssh_host_ed25519_key.pub")
  on "echo $mark > /root/$mark; echo $mark > /etc/$mark; echo $mark > /tmp/$mark; echo $mark > /run/$mark; \
      setsid bash -c 'exec -a $mark-daemon sleep 600' </dev/null >/dev/null 2>&1 &"
  # a session open across the reboot must be dropped
  ssh -F "$SSH_CONFIG" "$H" "sleep 120; echo survived" </dev/null >/dev/null 2>&1 & sess=$!
  sleep 0.5
  check "$how: the command returns 0" on "$trigger"
  if ! after=$(wait_new_boot "$before"); then bad "$how: the host comes back with a new boot id" "still $before"; kill "$sess" 2>/dev/null; return; fi
  ok "$how: the host comes back with a new boot id"
  check "$how: the boot id is a UUID and the host's own (\$STATE/hosts/$H/boot_id)" bash -c \
    "[[ '$after' =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\$ ]] && [ \"\$(cat '$(host_dir "$H")/boot_id')\" = '$after' ] && [ '$after' != \"\$(cat /proc/sys/kernel/random/boot_id)\" ]"
  for i in $(seq 1 100); do kill -0 "$sess" 2>/dev/null || break; sleep 0.1; done
  check "$how: the SSH session open across the reboot was dropped" bash -c "! kill -0 $sess 2>/dev/null"
  kill "$sess" 2>/dev/null || true
  check "$how: disk kept (/root and /etc files)" on "[ \"\$(cat /root/$mark /etc/$mark)\" = '$mark
$mark' ]"
  check "$how: /tmp and /run emptied" on "[ ! -e /tmp/$mark ] && [ ! -e /run/$mark ] && [ -z \"\$(ls -A /tmp)\" ]"
  check "$how: the daemon started before is gone" on "! ps -eo args | grep -q '^$mark-daemon'"
  check "$how: same host key, same hostname" bash -c \
    "[ \"\$(cat '$(host_dir "$H")/ssh_host_ed25519_key.pub')\" = '$key' ] && [ \"\$(ssh -F '$SSH_CONFIG' '$H' hostname </dev/null)\" = '$H' ]"
  on "rm -f /root/$mark /etc/$mark"
}

echo "# reboot ($H)"
reboot_by "shutdown -r now" 'shutdown -r now'
reboot_by "shutdown -r 0 MSG (Ansible's command)" 'shutdown -r 0 "Reboot initiated by Ansible"'
# Ansible runs it over a pty (ssh -tt): the session's end hangs the pty up and SIGHUPs the session's
# process group at once; here the shell does so itself right after the command returns. The
# reboot to come must outlive it, as systemd's does (4 of 6 such reboots were lost before labpower
# ignored HUP).
reboot_by "shutdown -r 0 MSG, then its session's process group hung up" \
  'bash -c '"'"'shutdown -r 0 "Reboot initiated by Ansible"; trap "" HUP; kill -HUP 0; true'"'"
reboot_by "reboot" 'reboot'
reboot_by "systemctl reboot" 'systemctl reboot'
# reboot(2) RESTART as a program calls it; the kernel kills the namespace's init for it. Guarded:
# only inside a lab host (PID 1 the lab's init), never on the machine.
reboot_by "reboot(2) syscall" \
  "grep -qF hostinit.sh /proc/1/cmdline && setsid python3 -c 'import ctypes,time; time.sleep(0.3); ctypes.CDLL(None).syscall(169, 0xfee1dead, 672274793, 0x01234567, 0)' </dev/null >/dev/null 2>&1 &"

check "shutdown -r +5 schedules (exit 0, /run/systemd/shutdown/scheduled) and shutdown -c cancels" on \
  "shutdown -r +5 2>/dev/null && grep -qx MODE=reboot /run/systemd/shutdown/scheduled && shutdown -c && [ ! -e /run/systemd/shutdown/scheduled ]"
check "labpower refuses to run outside a lab host" bash -c "! '$LAB_DIR/labpower' systemctl reboot 2>/dev/null"

echo "# power off ($H)"
mark=lab-poweroff-$$-$RANDOM
on "echo $mark > /root/$mark"
before=$(boot_id)
check "systemctl poweroff returns 0" on "systemctl poweroff"
down=
for i in $(seq 1 100); do host_running "$H" || { down=1; break; }; sleep 0.1; done
check "the host stays down (no namespace, no supply, port 22 closed)" bash -c \
  "[ -n '$down' ] && sleep 1.5 && ! (exec 3<>/dev/tcp/$(awk -v n="$H" '$1==n{print $2}' "$HOSTS_TXT")/22) 2>/dev/null"
check "lab/up.sh brings it back" "$LAB_DIR/up.sh" "$(wc -l < "$HOSTS_TXT")"
check "after power on: disk kept, new boot id" on "[ -f /root/$mark ] && [ \"\$(cat /proc/sys/kernel/random/boot_id)\" != '$before' ] && rm /root/$mark"

echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
