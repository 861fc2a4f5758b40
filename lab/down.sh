#!/bin/bash
# Stops every lab host (only the processes the lab started, found through its PID files),
# removes the generated hosts.txt and inventories/lab.ini. With --wipe also removes the whole
# state root (keys, repos, layers, uppers).
# Usage: lab/down.sh [--wipe]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root
wipe=
case "${1:-}" in
  --wipe) wipe=1 ;;
  "") ;;
  *) die "usage: down.sh [--wipe]" ;;
esac

[ -d "$STATE" ] && lab_lock
if [ -d "$STATE/hosts" ]; then
  for d in "$STATE"/hosts/*/; do
    [ -d "$d" ] || continue
    stop_host "$(basename "$d")"
  done
fi
rm -f "$HOSTS_TXT" "$INVENTORY"
if [ -n "$wipe" ] && [ -d "$STATE" ]; then
  # The overlays only ever exist inside the hosts' mount namespaces; be safe anyway.
  awk -v s="$STATE" '$5 == s || index($5, s "/") == 1 {print $5}' /proc/self/mountinfo | sort -r |
    while read -r m; do umount -l "$m" || true; done
  rm -rf "$STATE"
  log "wiped $STATE"
fi
log "lab down"
