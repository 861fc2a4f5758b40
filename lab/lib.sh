# Shared helpers for the Rigger lab scripts. Sourced, not run.
# shellcheck shell=bash

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin${PATH:+:$PATH}
LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LAB_DIR/.." && pwd)
STATE=${RIGGER_LAB_STATE:-/srv/rigger-lab}
INVENTORY=$REPO_ROOT/inventories/lab.ini
SSH_DIR=$STATE/ssh
CLIENT_KEY=$SSH_DIR/id_ed25519
KNOWN_HOSTS=$SSH_DIR/known_hosts
SSH_CONFIG=$SSH_DIR/config
HOSTS_TXT=$STATE/hosts.txt
# Bump when the layer / seed / repo layout changes, so an old state is rebuilt.
LAB_LAYOUT_VERSION=5

log() { printf '[lab] %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

need_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

check_state_root() {
  case "$STATE" in
    /*) ;;
    *) die "RIGGER_LAB_STATE must be an absolute path: $STATE" ;;
  esac
  local d
  for d in /etc /var /opt /usr /root /tmp /run /dev /proc /sys /bin /sbin /lib /lib64; do
    case "$STATE/" in
      "$d"/*) die "state root $STATE must not be under $d (hosts overlay or hide it)" ;;
    esac
  done
  [ "$STATE" != / ] || die "state root must not be /"
}

# host_name INDEX -> k8s-master, k8s-slave1, k8s-slave2, node4, node5, ...
host_name() {
  case $1 in
    1) echo k8s-master ;;
    2) echo k8s-slave1 ;;
    3) echo k8s-slave2 ;;
    *) echo "node$1" ;;
  esac
}

# host_addr INDEX -> 127.0.10.1 .. 127.0.10.254, then 127.0.11.1 ...
host_addr() {
  local i=$(( $1 - 1 ))
  echo "127.0.$(( 10 + i / 254 )).$(( i % 254 + 1 ))"
}

# host_index NAME -> INDEX (or fails)
host_index() {
  case $1 in
    k8s-master) echo 1 ;;
    k8s-slave1) echo 2 ;;
    k8s-slave2) echo 3 ;;
    node[0-9]*) local n=${1#node}; [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 4 ] && echo "$n" || return 1 ;;
    *) return 1 ;;
  esac
}

host_dir() { echo "$STATE/hosts/$1"; }

# Is the process PID alive (not a zombie) and started for host dir $2?
pid_is_host() {
  local pid=$1 h=$2 st
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  st=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ "$st" != Z ] && [ "$st" != X ] || return 1
  tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF -- "hostinit.sh $(basename "$h") "
}

# PID (machine numbering) of the unshare process of a host, if running.
host_pid() {
  local name=$1 h pid
  h=$(host_dir "$name")
  [ -f "$h/unshare.pid" ] || return 1
  pid=$(cat "$h/unshare.pid")
  pid_is_host "$pid" "$h" || return 1
  echo "$pid"
}

# PID of the power supply of a host (lab/hostsup.sh), if running. Hosts started by older lab
# scripts have none.
sup_pid() {
  local h pid
  h=$(host_dir "$1")
  [ -f "$h/supervisor.pid" ] || return 1
  pid=$(cat "$h/supervisor.pid")
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  grep -q ') [^ZX] ' "/proc/$pid/stat" 2>/dev/null || return 1
  tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF -- "hostsup.sh $1 "
}

# A host runs while its namespace or its power supply does (a rebooting host is down for a
# moment, but running: it answers SSH again soon).
host_running() { host_pid "$1" >/dev/null || sup_pid "$1" >/dev/null; }

# Names of hosts that have a running namespace, in index order.
running_hosts() {
  local d name
  [ -d "$STATE/hosts" ] || return 0
  for d in "$STATE"/hosts/*/; do
    [ -d "$d" ] || continue
    name=$(basename "$d")
    host_running "$name" && printf '%s %s\n' "$(host_index "$name" || echo 99999)" "$name"
  done | sort -n | awk '{print $2}'
}

ssh_lab() { ssh -F "$SSH_CONFIG" -o ConnectTimeout=5 "$@"; }

# Wait until host NAME answers a real SSH login (timeout seconds, default 30).
wait_ssh() {
  local name=$1 timeout=${2:-30} addr start
  addr=$(host_addr "$(host_index "$name")")
  start=$SECONDS
  # Cheap TCP probe first, then one real login.
  while ! (exec 3<>"/dev/tcp/$addr/22") 2>/dev/null; do
    host_running "$name" || { log "$name: host process exited; $(host_dir "$name")/console.log:"; tail -5 "$(host_dir "$name")/console.log" >&2; return 1; }
    [ $(( SECONDS - start )) -lt "$timeout" ] || { log "$name: port 22 on $addr not open after ${timeout}s"; return 1; }
    sleep 0.05
  done
  while ! ssh_lab "$name" true </dev/null 2>/dev/null; do
    [ $(( SECONDS - start )) -lt "$timeout" ] || { log "$name: no SSH login after ${timeout}s"; ssh_lab "$name" true </dev/null || true; return 1; }
    sleep 0.1
  done
}

# Stop one host: SIGKILL its PID-namespace init (the kernel then kills everything in the
# namespace and the mount namespace with its overlays goes away), then wait for unshare.
stop_host() {
  local name=$1 h pid child i
  h=$(host_dir "$name")
  if pid=$(sup_pid "$name"); then stop_supply "$name" "$pid"; fi
  if pid=$(host_pid "$name"); then
    for child in $(cat "/proc/$pid/task/$pid/children" 2>/dev/null); do
      kill -KILL "$child" 2>/dev/null || true
    done
    for i in $(seq 1 200); do
      pid_is_host "$pid" "$h" || break
      [ "$i" != 100 ] || kill -KILL "$pid" 2>/dev/null || true
      sleep 0.02
    done
    pid_is_host "$pid" "$h" && die "$name: unshare process $pid did not exit"
  fi
  rm -f "$h/unshare.pid" "$h/supervisor.pid"
}

# Wait until process PID is stopped (SIGSTOP delivered) or gone.
wait_stopped() {
  local i
  for i in $(seq 1 250); do
    [ -r "/proc/$1/stat" ] || return 0
    grep -q ') [TtZX] ' "/proc/$1/stat" 2>/dev/null && return 0
    sleep 0.02
  done
}

# Stop a host's power supply so that it boots nothing more, and whatever it booted: freeze it
# (and then its children), so no fork is under way, kill the namespace inits below them (the
# kernel kills the rest of each namespace), then the frozen processes. Usage: stop_supply NAME PID
stop_supply() {
  local name=$1 sup=$2 kids k g i
  kill -STOP "$sup" 2>/dev/null || return 0
  wait_stopped "$sup"
  kids=$(cat "/proc/$sup/task/$sup/children" 2>/dev/null || true)
  for k in $kids; do kill -STOP "$k" 2>/dev/null || true; done
  for k in $kids; do wait_stopped "$k"; done
  for k in $kids; do
    for g in $(cat "/proc/$k/task/$k/children" 2>/dev/null || true); do kill -KILL "$g" 2>/dev/null || true; done
  done
  for k in $kids $sup; do kill -KILL "$k" 2>/dev/null || true; done
  for i in $(seq 1 250); do
    sup_pid "$name" >/dev/null || break
    sleep 0.02
  done
}

# Start one host (its dir must be prepared). Returns at once; use wait_ssh.
start_host() {
  local name=$1 addr=$2 h i
  h=$(host_dir "$name")
  host_running "$name" && return 0
  : > "$h/console.log"
  rm -f "$h/supervisor.pid" "$h/unshare.pid"
  (
    # The host must inherit no descriptor of its caller (a pipe held open by a daemon would
    # make whoever reads our output wait forever), nor the lab lock (fd 9).
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      case $n in 0|1|2) ;; *) eval "exec $n>&-" 2>/dev/null || true ;; esac
    done
    exec setsid "$STATE/bin/hostsup.sh" "$name" "$addr" "$STATE" </dev/null >>"$h/console.log" 2>&1
  ) &
  # The supply writes its own supervisor.pid (setsid forks when it was called by a process group
  # leader), then unshare.pid when it boots the host: wait for the first, so host_running is true.
  for i in $(seq 1 250); do
    sup_pid "$name" >/dev/null && return 0
    sleep 0.02
  done
}

# Copy the scripts the hosts run into the state root (they must not run from a clone that may go
# away). install replaces the file, so running hosts keep reading the version they started with.
install_host_bin() {
  local f
  mkdir -p "$STATE/bin"
  for f in hostinit.sh hostsup.sh; do
    cmp -s "$LAB_DIR/$f" "$STATE/bin/$f" || install -m 0755 "$LAB_DIR/$f" "$STATE/bin/$f"
  done
}

# Empty the copy-on-write upper and work dirs of a (stopped) host.
clear_upper() {
  local h=$1 d
  rm -rf "$h/upper" "$h/work"
  for d in etc var opt usr root; do
    mkdir -p "$h/upper/$d" "$h/work/$d"
  done
  chmod 0700 "$h/upper/root"
}

# Wait until every named host answers a real SSH login: first all TCP ports (cheap), then the
# logins, a few at a time (the machine has 2 cores). Usage: wait_all_ssh TIMEOUT NAME...
wait_all_ssh() {
  local timeout=$1; shift
  local start=$SECONDS pending=("$@") still name addr
  while [ ${#pending[@]} -gt 0 ]; do
    still=()
    for name in "${pending[@]}"; do
      addr=$(host_addr "$(host_index "$name")")
      if ! (exec 3<>"/dev/tcp/$addr/22") 2>/dev/null; then
        host_running "$name" || { log "$name: host process exited; $(host_dir "$name")/console.log:"; tail -5 "$(host_dir "$name")/console.log" >&2; return 1; }
        still+=("$name")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    [ ${#pending[@]} -eq 0 ] && break
    [ $(( SECONDS - start )) -lt "$timeout" ] || { log "port 22 not open after ${timeout}s: ${pending[*]}"; return 1; }
    sleep 0.05
  done
  export SSH_CONFIG
  printf '%s\n' "$@" | xargs -P 4 -I{} bash -c '
    for i in $(seq 1 100); do
      ssh -F "$SSH_CONFIG" -o ConnectTimeout=5 {} true </dev/null 2>/dev/null && exit 0
      sleep 0.1
    done
    echo "[lab] {}: no SSH login" >&2; exit 1'
}

# Serialize lab scripts (up/down/reset) that run at the same time: exclusive lock on fd 9.
# start_host closes fd 9 for the host, so a host never holds the lock.
lab_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/.lock"
  flock -w 600 9 || die "could not lock $STATE/.lock"
}
