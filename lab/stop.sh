#!/bin/bash
# Stops lab hosts without touching their state, as a crashed or powered-off machine: every
# process in the host's namespace dies, nothing answers on its address until reset.sh or up.sh.
# Used by tests of unreachable hosts. Usage: lab/stop.sh HOST...
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root
[ $# -gt 0 ] || die "usage: lab/stop.sh HOST..."
lab_lock
for name in "$@"; do
  grep -q "^$name " "$HOSTS_TXT" || die "unknown or not-up host: $name (see $HOSTS_TXT)"
  stop_host "$name"
done
