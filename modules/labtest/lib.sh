# Shell helpers shared by the modules' lab test families (sourced, not run).
LAB_STATE=/srv/rigger-lab

on() { local h=$1; shift; ssh -F "$LAB_STATE/ssh/config" "$h" "$@"; }   # on HOST COMMAND: run it there as root

# lab_need N: make sure hosts 1..N are up. Only ever grows the lab: up.sh N stops the hosts past N,
# so it is called only when fewer than N are up (never with a smaller N than what runs).
lab_need() {
    local up
    up=$(wc -l <"$LAB_STATE/hosts.txt" 2>/dev/null || echo 0)
    [ "$up" -ge "$1" ] || "$(dirname "${BASH_SOURCE[0]}")/../../lab/up.sh" "$1" >/dev/null
}

# lab_inventory FILE HOST... : an Ansible INI inventory of lab hosts (root, the lab's key and
# known_hosts), read by ansible-playbook and rigger alike; group 'lab' holds them all.
lab_inventory() {
    local file=$1 h
    shift
    { echo "[lab]"
      for h in "$@"; do
          echo "$h ansible_host=$(awk -v n="$h" '$1 == n {print $2}' "$LAB_STATE/hosts.txt") ansible_user=root ansible_ssh_private_key_file=$LAB_STATE/ssh/id_ed25519"
      done
      echo "[all:vars]"
      echo "ansible_ssh_common_args='-o UserKnownHostsFile=$LAB_STATE/ssh/known_hosts'"
      echo "ansible_python_interpreter=/usr/bin/python3"; } >"$file"
}

# need_tool COMMAND PACKAGE: install a Debian package on the machine when its command is missing,
# without letting its scripts start a daemon here (as lab/up.sh installs the lab's own).
need_tool() {
    command -v "$1" >/dev/null && return 0
    local policy=/usr/sbin/policy-rc.d made=
    [ -e "$policy" ] || { printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; made=1; }
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2"; } >/dev/null
    [ -z "$made" ] || rm -f "$policy"
    command -v "$1" >/dev/null
}

# The differential family's host pairs (ansible-playbook's host, rigger's host; its scenarios are
# spread over the pairs): RIGGER_DIFF_HOSTS="A1 R1 A2 R2 ..." picks others.
diff_hosts() { echo "${RIGGER_DIFF_HOSTS:-node46 node47 node94 node95 node96 node97}"; }

# highest_host NAME...: the largest lab host number among the names (nodeN)
highest_host() { local h n=0; for h in "$@"; do [ "${h#node}" -le "$n" ] || n=${h#node}; done; echo "$n"; }

# rigger_warm HOST: builds the CLI when its sources are newer and, when its class-data archive is
# missing, has one small check-mode play on HOST dump it, so that runs started side by side all map
# the one archive instead of each dumping its own.
rigger_warm() {
    local root dir
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    "$root/rigger" --version >/dev/null || return 1
    [ ! -f "$root/engine/cli/target/rigger.jsa" ] || return 0
    dir=$(mktemp -d)
    lab_inventory "$dir/inventory.ini" "$1"
    printf -- '- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n' >"$dir/warm.yml"
    "$root/rigger" play --check -i "$dir/inventory.ini" "$dir/warm.yml" >/dev/null 2>&1
    rm -rf "$dir"
}
