#!/bin/bash
# Returns lab hosts to "fresh": stops the host's namespace (every process in it dies), empties
# its copy-on-write uppers (/etc /var /opt /usr /root), starts it again with the same host key,
# and returns when each host answers a real SSH login.
# Usage: lab/reset.sh [HOST...]   (no args = every host in $STATE/hosts.txt)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root
lab_lock
[ -f "$HOSTS_TXT" ] || die "lab is not up (no $HOSTS_TXT); run lab/up.sh"

if [ $# -eq 0 ]; then
  mapfile -t hosts < <(awk '{print $1}' "$HOSTS_TXT")
else
  hosts=("$@")
fi
for name in "${hosts[@]}"; do
  grep -q "^$name " "$HOSTS_TXT" || die "unknown or not-up host: $name (see $HOSTS_TXT)"
done

install_host_bin
fail=0
for name in "${hosts[@]}"; do
  stop_host "$name"
  clear_upper "$(host_dir "$name")"
  start_host "$name" "$(awk -v n="$name" '$1==n{print $2}' "$HOSTS_TXT")"
done
wait_all_ssh 30 "${hosts[@]}" || fail=1
[ "$fail" = 0 ] || die "some hosts did not come back; see $STATE/hosts/*/console.log"
