#!/bin/bash
# The power supply of one lab host (copied to $STATE/bin/, started by lib.sh's start_host; not
# called by hand). Boots the host: a fresh mount + UTS + PID namespace with lab/hostinit.sh as
# PID 1, whose pid it writes to $STATE/hosts/NAME/unshare.pid. When the host reboots (its init
# exits with 129: the lab's reboot, shutdown -r, systemctl reboot; or the kernel killed it for a
# reboot(2) RESTART, which a parent sees as SIGHUP = 129 too), it waits a moment, as a machine
# does between power-off and sshd, and boots it again: the overlay uppers (the disk) are kept,
# /tmp and /run are new tmpfs, every process is gone, and hostinit gives a new boot id. Any other
# end (power off, halt, lab/down.sh, reset.sh, a crash) ends the supervisor: the host stays down.
# Args: NAME ADDRESS STATE_ROOT
set -u
name=$1 addr=$2 state=$3
h=$state/hosts/$name
bin=$(dirname "$(readlink -f "$0")")
# Seconds a rebooting host stays down (no sshd listening). RIGGER_LAB_REBOOT_DELAY overrides.
delay=${RIGGER_LAB_REBOOT_DELAY:-1}
echo $$ > "$h/supervisor.pid"
boot=0
while :; do
  boot=$((boot + 1))
  printf '[lab] %s: boot %d at %s\n' "$name" "$boot" "$(date -u +%FT%T.%3NZ)"
  unshare --mount --uts --pid --mount-proc --propagation private --fork \
    "$bin/hostinit.sh" "$name" "$addr" "$state" </dev/null &
  echo $! > "$h/unshare.pid"
  wait $!
  rc=$?
  [ "$rc" = 129 ] || { printf '[lab] %s: down (status %d)\n' "$name" "$rc"; exit 0; }
  printf '[lab] %s: rebooting (down for %ss)\n' "$name" "$delay"
  sleep "$delay"
done
