#!/bin/bash
# PID 1 of a lab host. Runs inside: setsid unshare --mount --uts --pid --mount-proc --propagation private --fork
# Args: NAME ADDRESS STATE_ROOT
# Sets the hostname, mounts the copy-on-write overlays and private tmpfs, gives the boot a new
# boot id, hides the lab state (except the RPM repo, read-only), then runs sshd -D and reaps
# orphans until killed or powered off. Exit status 129 = reboot (lab/hostsup.sh boots the host
# again, as the kernel reports a reboot(2) RESTART in a PID namespace), 0 = power off.
set -euo pipefail
name=$1 addr=$2 state=$3
h=$state/hosts/$name
# Close any descriptor inherited from whoever started the lab (keep bash's script fd 255).
for fd in /proc/$$/fd/*; do
  n=${fd##*/}
  case $n in 0|1|2|255) ;; *) eval "exec $n>&-" 2>/dev/null || true ;; esac
done
hostname "$name"
for d in etc var opt usr root; do
  case $d in
    root) lower=$state/layer/root ;;
    *)    lower=$h/seed/$d:$state/layer/$d:/$d ;;
  esac
  mount -t overlay "lab-$d" -o "lowerdir=$lower,upperdir=$h/upper/$d,workdir=$h/work/$d" "/$d"
done
mount -t tmpfs -o mode=1777,size=2g lab-tmp /tmp
# /dev: the machine's devices under a private copy-on-write layer (kept in this namespace's
# /run), so the host can have the block-device links of a CentOS 7 LVM install without touching
# the machine's /dev: /dev/mapper/cl-swap -> ../dm-1 (what /proc/swaps names, see labproc), the
# VG's /dev/cl/*, and /dev/disk/by-uuid. The dm-N nodes themselves do not exist (no real disk).
# Best effort: without overlayfs the host keeps the machine's /dev as before.
lab_dev() {
  mkdir -p /run/.labdev/up /run/.labdev/work /run/.labdev/pts
  mount --bind /dev/pts /run/.labdev/pts || return 1
  if ! mount -t overlay lab-dev -o lowerdir=/dev,upperdir=/run/.labdev/up,workdir=/run/.labdev/work /dev; then
    umount /run/.labdev/pts; return 1
  fi
  mount --move /run/.labdev/pts /dev/pts
  mkdir -p /dev/mapper /dev/cl /dev/disk/by-uuid /dev/disk/by-id
  ln -sfn ../dm-0 /dev/mapper/cl-root; ln -sfn ../dm-1 /dev/mapper/cl-swap
  ln -sfn ../dm-0 /dev/cl/root;        ln -sfn ../dm-1 /dev/cl/swap
  ln -sfn ../../dm-0 /dev/disk/by-id/dm-name-cl-root; ln -sfn ../../dm-1 /dev/disk/by-id/dm-name-cl-swap
  ln -sfn ../../dm-0 /dev/disk/by-uuid/4b2d3c4e-lab0-4f5e-9a1b-000000000000
  ln -sfn ../../sda1 /dev/disk/by-uuid/4b2d3c4e-lab0-4f5e-9a1b-000000000001
  ln -sfn ../../dm-1 /dev/disk/by-uuid/4b2d3c4e-lab0-4f5e-9a1b-000000000002
}
mount -t tmpfs -o mode=0755,size=512m lab-run /run
lab_dev || echo "hostinit: no private /dev layer (the machine's /dev is used)" >&2
mount -t tmpfs -o mode=1777 lab-shm /dev/shm
mkdir -p /run/sshd /run/lock /run/.labrepo
chmod 1777 /run/lock
# A new boot id for every boot (Ansible's reboot compares /proc/sys/kernel/random/boot_id before
# and after): the kernel's is the machine's, so a per-host file is bind-mounted over it, read-only.
# The file stays readable from the machine ($h/boot_id) for the lab's tests.
cat /proc/sys/kernel/random/uuid > "$h/boot_id.new"
mv -f "$h/boot_id.new" "$h/boot_id"
mount --bind "$h/boot_id" /proc/sys/kernel/random/boot_id
mount -o remount,bind,ro /proc/sys/kernel/random/boot_id
# Hide the lab state (client key, other hosts' uppers); keep only the repo, read-only.
mount --bind "$state/repo" /run/.labrepo
mount -t tmpfs -o mode=0755,size=1m lab-state "$state"
mkdir -p "$state/repo"
mount --move /run/.labrepo "$state/repo"
mount -o remount,bind,ro "$state/repo"
mount -o remount,ro "$state"
rmdir /run/.labrepo
cd /
exec </dev/null
sshd_pid=
# TERM/INT: power off (also what the kernel sends for reboot(2) POWER_OFF/HALT); HUP: reboot (the
# lab's reboot/shutdown -r/systemctl reboot send it). When PID 1 exits the kernel kills every
# process of the namespace, and the mount namespace (tmpfs /tmp, /run) goes with it.
trap 'kill -TERM ${sshd_pid:-} 2>/dev/null; exit 0' TERM INT
trap 'kill -TERM ${sshd_pid:-} 2>/dev/null; exit 129' HUP
while :; do
  if [ -z "$sshd_pid" ] || ! kill -0 "$sshd_pid" 2>/dev/null; then
    /usr/sbin/sshd -D -e -f /etc/ssh/sshd_config &
    sshd_pid=$!
  fi
  wait "$sshd_pid" || true
  sleep 0.5
done
