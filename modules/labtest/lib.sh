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
