#!/bin/bash
# Starts N lab hosts (default 3): k8s-master 127.0.10.1, k8s-slave1 .2, k8s-slave2 .3, node4 .4, ...
# Idempotent: hosts already up are left as they are; hosts past N are stopped.
# Returns when every host answers a real SSH login. See lab/README.md.
# Usage: lab/up.sh [N]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root
lab_lock

N=${1:-3}
[[ $N =~ ^[0-9]+$ ]] && [ "$N" -ge 1 ] && [ "$N" -le 1000 ] || die "usage: up.sh [N]  (1..1000)"
t0=$(date +%s.%N)

# --- 1. machine packages (never starts services on the machine itself) ----------------------
ensure_packages() {
  local missing=() c pkg
  for c in sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client rpm:rpm rpmbuild:rpm \
           createrepo_c:createrepo-c dnf:dnf nginx:nginx start-stop-daemon:dpkg unshare:util-linux \
           setsid:util-linux /usr/bin/python3:python3 service:init-system-helpers \
           ss:iproute2 pgrep:procps ps:procps dpkg-scanpackages:dpkg-dev git:git \
           mariadbd:mariadb-server mysql:mariadb-client openssl:openssl \
           /usr/lib/python3/dist-packages/cryptography:python3-cryptography; do
    # a program, or a path that must exist (Ansible's community.crypto modules need python3-cryptography)
    if ! command -v "${c%%:*}" >/dev/null 2>&1 && [ ! -e "${c%%:*}" ]; then
      pkg=${c#*:}
      [[ " ${missing[*]:-} " == *" $pkg "* ]] || missing+=("$pkg")
    fi
  done
  # community.mysql (the differential mysql scenarios) needs PyMySQL: a module, no command
  [ -d /usr/lib/python3/dist-packages/pymysql ] || missing+=(python3-pymysql)
  # Files rather than commands: PostgreSQL's server (postgresql_* scenarios start a cluster inside a
  # host), psycopg2 for Ansible's postgresql modules, pip and venv for pip's.
  for c in /usr/lib/postgresql/15/bin/initdb:postgresql-15 /usr/lib/python3/dist-packages/psycopg2/__init__.py:python3-psycopg2 \
           /usr/lib/python3/dist-packages/pip/__init__.py:python3-pip /usr/lib/python3.11/ensurepip/__init__.py:python3-venv; do
    [ -e "${c%%:*}" ] || missing+=("${c#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing with apt-get: ${missing[*]}"
  # Keep package scripts from starting sshd/nginx on the machine (sshd on 0.0.0.0:22 would
  # take the port from every lab host).
  local policy=/usr/sbin/policy-rc.d made_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod 755 "$policy"; made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || { [ -n "$made_policy" ] && rm -f "$policy"; die "apt-get update failed"; }
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { [ -n "$made_policy" ] && rm -f "$policy"; die "apt-get install failed"; }
  [ -z "$made_policy" ] || rm -f "$policy"
}
ensure_packages

# A wildcard listener on port 22 (e.g. the machine's own sshd) takes the port from every host.
if ss -Hltn 2>/dev/null | awk '{print $4}' | grep -qE '^(0\.0\.0\.0|\*|\[::\]):22$'; then
  die "something listens on *:22 on this machine (its own sshd?); lab hosts need 127.0.10.x:22. Stop it first."
fi

# --- 2. shared state: RPM repos, read-only layers, client key -------------------------------
mkdir -p "$STATE" "$STATE/hosts" "$STATE/bin" "$SSH_DIR"
chmod 0755 "$STATE"
# A layout change rebuilds the repo and layers: hosts must not run on top of them meanwhile.
if [ ! -f "$STATE/repo/.built-v$LAB_LAYOUT_VERSION" ] || [ ! -f "$STATE/layer/.built-v$LAB_LAYOUT_VERSION" ]; then
  for name in $(running_hosts); do log "stopping $name (lab layout changes)"; stop_host "$name"; done
fi
"$LAB_DIR/build-repo.sh"

build_layer() {
  local L=$STATE/layer stamp=$STATE/layer/.built-v$LAB_LAYOUT_VERSION
  [ -f "$stamp" ] && return 0
  log "building the shared host layer"
  rm -rf "$L" "$STATE/cache"
  mkdir -p "$L"/{etc,var,opt,usr,root} "$STATE/cache"
  # systemctl: Debian's daemonless python replacement, extracted only (never installed on
  # the machine: it conflicts with systemd).
  (cd "$STATE/cache" && apt-get download -qq systemctl >/dev/null 2>&1) || {
    apt-get update -qq && (cd "$STATE/cache" && apt-get download -qq systemctl >/dev/null)
  } || die "apt-get download systemctl failed"
  dpkg-deb -x "$STATE"/cache/systemctl_*.deb "$STATE/cache/systemctl"
  mkdir -p "$L/usr/bin" "$L/usr/share/doc"
  cp -a "$STATE/cache/systemctl/usr/bin/systemctl" "$L/usr/bin/systemctl"
  # The replacement prints "unknown" for is-active/is-failed of a unit that is not enabled;
  # real systemd reports the actual state. Make it behave like systemd.
  grep -q 'if enabled != "enabled": active = "unknown"' "$L/usr/bin/systemctl" \
    || die "unexpected systemctl replacement version (patch point not found)"
  sed -i 's/if enabled != "enabled": active = "unknown"/pass  # rigger-lab: report the real state, as systemd does/' \
    "$L/usr/bin/systemctl"
  cp -a "$STATE/cache/systemctl/usr/share/doc/systemctl" "$L/usr/share/doc/"
  ln -s dnf "$L/usr/bin/yum"                      # as on CentOS 8
  # /etc: the "fresh" seed shared by all hosts
  mkdir -p "$L/etc/dnf/vars" "$L/etc/yum.repos.d" "$L/etc/systemd/system/multi-user.target.wants" \
           "$L/etc/sysconfig"
  echo 8 > "$L/etc/dnf/vars/releasever"
  cat > "$L/etc/fstab" <<'EOF'
# /etc/fstab (Rigger lab seed: a fresh CentOS-like node, swap still on)
/dev/mapper/cl-root     /                       xfs     defaults        0 0
UUID=4b2d3c4e-lab0-4f5e-9a1b-000000000001 /boot  xfs     defaults        0 0
/dev/mapper/cl-swap     swap                    swap    defaults        0 0
EOF
  echo localhost.localdomain > "$L/etc/hostname"
  # rpm's database where CentOS keeps it. Debian's rpm defaults to ~/.rpmdb and finds it with
  # %(bash -c 'echo ~/.rpmdb'): two more processes on every rpm and dnf start.
  mkdir -p "$L/etc/rpm" "$L/var/lib/rpm"
  echo '%_dbpath /var/lib/rpm' > "$L/etc/rpm/macros"
  # /root: a clean skeleton, not the machine's own home
  cp /etc/skel/.bashrc /etc/skel/.profile "$L/root/" 2>/dev/null || true
  mkdir -p "$L/root/.ssh"
  chmod 0700 "$L/root" "$L/root/.ssh"
  touch "$stamp"
}
build_layer

# Hide tools the machine image happens to carry (e.g. a docker CLI, a kubectl) so that a fresh
# host has no container/kubernetes tooling: overlay whiteouts in the shared /usr layer.
hide_machine_tools() {
  local dir tool p
  for dir in usr/bin usr/sbin usr/local/bin usr/local/sbin; do
    for tool in kubelet kubeadm kubectl docker dockerd containerd containerd-shim ctr crictl runc; do
      p=$STATE/layer/$dir/$tool
      if { [ -e "/$dir/$tool" ] || [ -L "/$dir/$tool" ]; } && [ ! -e "$p" ]; then
        mkdir -p "$STATE/layer/$dir"
        mknod "$p" c 0 0
      fi
    done
  done
}
hide_machine_tools

# Power: reboot, shutdown, halt, poweroff and systemctl reboot|poweroff|halt|kexec in a host tell
# the lab's init (lab/labpower). Not part of build_layer, so an existing lab gets it from up.sh
# without a layout change (hosts see it after their next start).
install_power_layer() {
  local L=$STATE/layer n
  mkdir -p "$L/usr/lib/rigger-lab" "$L/usr/sbin"
  cmp -s "$LAB_DIR/labpower" "$L/usr/lib/rigger-lab/labpower" \
    || install -m 0755 "$LAB_DIR/labpower" "$L/usr/lib/rigger-lab/labpower"
  for n in reboot shutdown halt poweroff; do
    [ "$(readlink "$L/usr/sbin/$n" 2>/dev/null)" = ../lib/rigger-lab/labpower ] \
      || ln -sfn ../lib/rigger-lab/labpower "$L/usr/sbin/$n"
  done
  # the replacement itself: in /usr/bin until install_systemctl_launcher moves it
  local sc=$L/usr/lib/rigger-lab/systemctl_replacement.py
  [ -f "$sc" ] || sc=$L/usr/bin/systemctl
  if ! grep -q 'rigger-lab: power verbs' "$sc"; then
    grep -q '^    command = args\[0\]$' "$sc" \
      || die "unexpected systemctl replacement version (power patch point not found)"
    sed -i 's|^    command = args\[0\]$|&\n    if command in ("reboot", "poweroff", "halt", "kexec", "soft-reboot"): os.execv("/usr/lib/rigger-lab/labpower", ["labpower", "systemctl"] + args)  # rigger-lab: power verbs|' \
      "$sc"
    rm -rf "$L/usr/lib/rigger-lab/__pycache__"
  fi
}
install_power_layer

# The systemctl replacement runs from bytecode compiled once: run as a script, every call compiled
# its 4,600 lines again and had python list /usr/bin (the script's folder, first on its path) on
# its first import: ~30 of the ~65 ms a calm `systemctl show` took (systemd's own systemctl
# answers in a few). Same code, same arguments, same output; /usr/bin/systemctl is a launcher.
install_systemctl_launcher() {
  local L=$STATE/layer sc=$STATE/layer/usr/lib/rigger-lab/systemctl_replacement.py
  if ! grep -q 'rigger-lab: systemctl launcher' "$L/usr/bin/systemctl"; then
    cp -a "$L/usr/bin/systemctl" "$sc.tmp" && mv -f "$sc.tmp" "$sc"
    cat > "$L/usr/bin/systemctl.tmp" <<'EOF'
#!/usr/bin/python3 -I
# rigger-lab: systemctl launcher. Runs Debian's systemctl replacement (systemctl_replacement.py
# beside lab/labpower) from its compiled bytecode, with this program's name and arguments.
import runpy, sys
sys.path.insert(0, "/usr/lib/rigger-lab")
runpy.run_module("systemctl_replacement", run_name="__main__")
EOF
    chmod 0755 "$L/usr/bin/systemctl.tmp"
    mv -f "$L/usr/bin/systemctl.tmp" "$L/usr/bin/systemctl"
  fi
  [ -d "$L/usr/lib/rigger-lab/__pycache__" ] \
    || python3 -c 'import py_compile, sys; py_compile.compile(sys.argv[1], doraise=True)' "$sc" \
    || die "cannot compile the systemctl replacement"
}
install_systemctl_launcher

if [ ! -f "$CLIENT_KEY" ]; then
  ssh-keygen -q -t ed25519 -N '' -C rigger-lab -f "$CLIENT_KEY"
fi
install -m 0600 "$CLIENT_KEY.pub" "$STATE/layer/root/.ssh/authorized_keys"
install_host_bin

# --- 3. per-host dirs: host key and per-host seed layer -------------------------------------
prepare_host() {
  local name=$1 addr=$2 h S
  h=$(host_dir "$name"); S=$h/seed
  mkdir -p "$h"
  if [ ! -f "$h/ssh_host_ed25519_key" ]; then
    ssh-keygen -q -t ed25519 -N '' -C "root@$name" -f "$h/ssh_host_ed25519_key"
  fi
  if [ ! -f "$S/.built-v$LAB_LAYOUT_VERSION" ] || [ "$(cat "$h/address" 2>/dev/null)" != "$addr" ]; then
    rm -rf "$S"
    mkdir -p "$S"/{etc/ssh,var,opt,usr,etc/nginx/sites-enabled}
    install -m 0600 "$h/ssh_host_ed25519_key" "$S/etc/ssh/ssh_host_ed25519_key"
    install -m 0644 "$h/ssh_host_ed25519_key.pub" "$S/etc/ssh/ssh_host_ed25519_key.pub"
    cat > "$S/etc/ssh/sshd_config" <<EOF
# Rigger lab host $name: listens only on its own loopback address.
ListenAddress $addr:22
HostKey /etc/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
UseDNS no
PrintMotd no
X11Forwarding no
MaxSessions 64
MaxStartups 200:30:400
AcceptEnv LANG LC_*
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
    cat > "$S/etc/hosts" <<EOF
127.0.0.1	localhost
$addr	$name
EOF
    printf '%s\n' "$(printf '%s' "rigger-lab-$name" | md5sum | cut -c1-32)" > "$S/etc/machine-id"
    cat > "$S/etc/nginx/sites-enabled/default" <<EOF
# Rigger lab: nginx binds only this host's own address.
server {
	listen $addr:80 default_server;
	root /var/www/html;
	index index.html index.htm index.nginx-debian.html;
	server_name _;
	location / { try_files \$uri \$uri/ =404; }
}
EOF
    echo "$addr" > "$h/address"
    touch "$S/.built-v$LAB_LAYOUT_VERSION"
  fi
  [ -d "$h/upper" ] || clear_upper "$h"
}

names=() addrs=()
for i in $(seq 1 "$N"); do
  names+=("$(host_name "$i")"); addrs+=("$(host_addr "$i")")
done

# Stop hosts past N (they stay prepared; down.sh --wipe removes them).
for name in $(running_hosts); do
  idx=$(host_index "$name" || echo 0)
  if [ "$idx" -gt "$N" ] || [ "$idx" = 0 ]; then log "stopping $name (past N=$N)"; stop_host "$name"; fi
done

for i in "${!names[@]}"; do prepare_host "${names[$i]}" "${addrs[$i]}"; done

# --- 4. client files: known_hosts, ssh config, hosts.txt, inventory -------------------------
tmp=$(mktemp "$STATE/.up.XXXXXX")
for i in "${!names[@]}"; do
  printf '%s %s\n' "${addrs[$i]}" "$(cut -d' ' -f1,2 "$(host_dir "${names[$i]}")/ssh_host_ed25519_key.pub")"
done > "$tmp"; mv "$tmp" "$KNOWN_HOSTS"; chmod 0644 "$KNOWN_HOSTS"

{
  echo "# Rigger lab hosts (generated by lab/up.sh; use: ssh -F $SSH_CONFIG k8s-master)"
  for i in "${!names[@]}"; do
    cat <<EOF
Host ${names[$i]}
  HostName ${addrs[$i]}
  Port 22
  User root
  IdentityFile $CLIENT_KEY
  IdentitiesOnly yes
  UserKnownHostsFile $KNOWN_HOSTS
  StrictHostKeyChecking yes
  KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,sntrup761x25519-sha512@openssh.com
  BatchMode yes
  LogLevel ERROR

EOF
  done
} > "$tmp"; mv "$tmp" "$SSH_CONFIG"; chmod 0644 "$SSH_CONFIG"

for i in "${!names[@]}"; do printf '%s %s\n' "${names[$i]}" "${addrs[$i]}"; done > "$tmp"
mv "$tmp" "$HOSTS_TXT"; chmod 0644 "$HOSTS_TXT"

mkdir -p "$(dirname "$INVENTORY")"
{
  echo "# Rigger lab inventory (generated by lab/up.sh $N)"
  echo "[master]"
  echo "${names[0]} ansible_host=${addrs[0]} ansible_user=root ansible_ssh_private_key_file=$CLIENT_KEY"
  echo
  echo "[workers]"
  for i in "${!names[@]}"; do
    [ "$i" = 0 ] && continue
    echo "${names[$i]} ansible_host=${addrs[$i]} ansible_user=root ansible_ssh_private_key_file=$CLIENT_KEY"
  done
  echo
  echo "[all:vars]"
  echo "# read by Rigger and Ansible alike: host keys are checked against the lab's own known_hosts"
  echo "ansible_ssh_common_args='-o UserKnownHostsFile=$KNOWN_HOSTS -o StrictHostKeyChecking=yes'"
} > "$INVENTORY.tmp"; mv "$INVENTORY.tmp" "$INVENTORY"

# --- 5. start and wait -----------------------------------------------------------------------
started=0
for i in "${!names[@]}"; do
  if ! host_running "${names[$i]}"; then start_host "${names[$i]}" "${addrs[$i]}"; started=$((started+1)); fi
done

wait_all_ssh 60 "${names[@]}" || die "some hosts did not answer SSH; see $STATE/hosts/*/console.log"

t1=$(date +%s.%N)
log "$N host(s) up ($started started) in $(awk "BEGIN{printf \"%.1f\", $t1-$t0}")s; ssh -F $SSH_CONFIG k8s-master"
