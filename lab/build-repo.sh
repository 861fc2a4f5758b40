#!/bin/bash
# Builds the lab's local RPM repositories with rpmbuild + createrepo_c:
#   $STATE/repo/kubernetes : kubelet, kubeadm, kubectl at 1.16.2 and 1.17.0
#   $STATE/repo/docker-ce  : docker-ce 19.03.5
# Each package installs small marker programs that print their version; kubelet and dockerd
# are long-running daemons with a systemd unit and a sysv init script.
# Usage: lab/build-repo.sh [--force]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root

stamp=$STATE/repo/.built-v$LAB_LAYOUT_VERSION
if [ "${1:-}" != --force ] && [ -f "$stamp" ]; then
  exit 0
fi
command -v rpmbuild >/dev/null && command -v createrepo_c >/dev/null || die "rpmbuild/createrepo_c missing (run lab/up.sh)"

build=$STATE/build
rm -rf "$build" "$STATE/repo"
mkdir -p "$build"/{SPECS,SOURCES,BUILD,RPMS,SRPMS,BUILDROOT} "$STATE/repo/kubernetes" "$STATE/repo/docker-ce"

# A generic sysv init script for a lab daemon: init_script NAME BINARY
init_script() {
  cat <<EOS
#!/bin/sh
### BEGIN INIT INFO
# Provides:          $1
# Required-Start:    \$remote_fs
# Required-Stop:     \$remote_fs
# Default-Start:     2 3 4 5
# Default-Stop:      0 1 6
# Short-Description: Rigger lab marker daemon $1
### END INIT INFO
PIDFILE=/run/$1.pid
DAEMON=$2
case "\$1" in
  start)
    start-stop-daemon --start --quiet --background --make-pidfile --pidfile \$PIDFILE --startas \$DAEMON && echo "Started $1" ;;
  stop)
    start-stop-daemon --stop --quiet --retry 5 --remove-pidfile --pidfile \$PIDFILE; echo "Stopped $1" ;;
  restart|force-reload)
    "\$0" stop; "\$0" start ;;
  status)
    if [ -f \$PIDFILE ] && kill -0 "\$(cat \$PIDFILE)" 2>/dev/null; then echo "$1 is running"; exit 0; fi
    echo "$1 is not running"; exit 3 ;;
  *) echo "Usage: \$0 {start|stop|restart|status}"; exit 2 ;;
esac
EOS
}

# Daemon body shared by the marker daemons: loops until SIGTERM.
daemon_body='trap "exit 0" TERM INT
while :; do sleep 5 & wait $!; done'

spec() { # spec NAME VERSION RELEASE SUMMARY  (files come from $build/SOURCES/NAME-VERSION/)
  local name=$1 version=$2 release=$3 summary=$4 src=$build/SOURCES/$1-$2
  cat > "$build/SPECS/$name-$version.spec" <<EOS
%global debug_package %{nil}
%global __os_install_post %{nil}
%define _build_id_links none
Name: $name
Version: $version
Release: $release
Summary: $summary (Rigger lab marker package)
License: Apache-2.0
BuildArch: x86_64
AutoReqProv: no

%description
$summary. A Rigger lab marker package: its programs only print their version
(and the daemons idle until stopped).

%install
mkdir -p %{buildroot}
cp -a $src/. %{buildroot}/

%files
$(cd "$src" && find . -type f -o -type l | sed 's|^\.||' | sort)
EOS
}

kube() { # kube VERSION
  local v=$1 minor src
  minor=$(echo "$v" | cut -d. -f2)
  local info="version.Info{Major:\\\"1\\\", Minor:\\\"$minor\\\", GitVersion:\\\"v$v\\\", GitCommit:\\\"lab\\\", GitTreeState:\\\"clean\\\", GoVersion:\\\"go1.12.12\\\", Compiler:\\\"gc\\\", Platform:\\\"linux/amd64\\\"}"

  src=$build/SOURCES/kubelet-$v
  mkdir -p "$src/usr/bin" "$src/usr/lib/systemd/system" "$src/etc/init.d" "$src/etc/sysconfig"
  cat > "$src/usr/bin/kubelet" <<EOS
#!/bin/sh
# Rigger lab marker: kubelet $v
case "\${1:-}" in
  --version|version) echo "Kubernetes v$v"; exit 0 ;;
esac
$daemon_body
EOS
  cat > "$src/usr/lib/systemd/system/kubelet.service" <<EOS
[Unit]
Description=kubelet: The Kubernetes Node Agent (Rigger lab marker $v)

[Service]
Type=simple
ExecStart=/usr/bin/kubelet
Restart=no

[Install]
WantedBy=multi-user.target
EOS
  init_script kubelet /usr/bin/kubelet > "$src/etc/init.d/kubelet"
  echo 'KUBELET_EXTRA_ARGS=' > "$src/etc/sysconfig/kubelet"
  chmod 755 "$src/usr/bin/kubelet" "$src/etc/init.d/kubelet"
  spec kubelet "$v" 0 "Container cluster management node agent"

  src=$build/SOURCES/kubectl-$v
  mkdir -p "$src/usr/bin"
  cat > "$src/usr/bin/kubectl" <<EOS
#!/bin/sh
# Rigger lab marker: kubectl $v
case "\$*" in
  *version*--short*|*--short*version*) echo "Client Version: v$v" ;;
  *version*) echo "Client Version: $info" ;;
  *) echo "kubectl v$v (Rigger lab marker)" ;;
esac
EOS
  chmod 755 "$src/usr/bin/kubectl"
  spec kubectl "$v" 0 "Command-line utility for interacting with a Kubernetes cluster"

  src=$build/SOURCES/kubeadm-$v
  mkdir -p "$src/usr/bin"
  cat > "$src/usr/bin/kubeadm" <<EOS
#!/bin/sh
# Rigger lab marker: kubeadm $v
case "\$*" in
  "version -o short"|"version --output=short") echo "v$v" ;;
  version*) echo "kubeadm version: &$info" ;;
  *) echo "kubeadm v$v (Rigger lab marker): \$*" ;;
esac
EOS
  chmod 755 "$src/usr/bin/kubeadm"
  spec kubeadm "$v" 0 "Command-line utility for administering a Kubernetes cluster"
}

kube 1.16.2
kube 1.17.0

v=19.03.5
src=$build/SOURCES/docker-ce-$v
mkdir -p "$src/usr/bin" "$src/usr/lib/systemd/system" "$src/etc/init.d"
cat > "$src/usr/bin/docker" <<EOS
#!/bin/sh
# Rigger lab marker: docker $v
case "\$*" in
  --version|-v) echo "Docker version $v, build 633a0ea" ;;
  version*) printf 'Client: Docker Engine - Community\n Version:           $v\n' ;;
  *) echo "docker $v (Rigger lab marker): \$*" ;;
esac
EOS
cat > "$src/usr/bin/dockerd" <<EOS
#!/bin/sh
# Rigger lab marker: dockerd $v
case "\${1:-}" in
  --version|-v) echo "Docker version $v, build 633a0ea"; exit 0 ;;
esac
$daemon_body
EOS
cat > "$src/usr/lib/systemd/system/docker.service" <<EOS
[Unit]
Description=Docker Application Container Engine (Rigger lab marker $v)

[Service]
Type=simple
ExecStart=/usr/bin/dockerd
Restart=no

[Install]
WantedBy=multi-user.target
EOS
init_script docker /usr/bin/dockerd > "$src/etc/init.d/docker"
chmod 755 "$src/usr/bin/docker" "$src/usr/bin/dockerd" "$src/etc/init.d/docker"
spec docker-ce "$v" 3.el8 "The open-source application container engine"

for s in "$build"/SPECS/*.spec; do
  rpmbuild --quiet --define "_topdir $build" --target x86_64 -bb "$s" >>"$build/rpmbuild.log" 2>&1 \
    || { tail -20 "$build/rpmbuild.log" >&2; die "rpmbuild failed for $s"; }
done
cp "$build"/RPMS/x86_64/kube*.rpm "$STATE/repo/kubernetes/"
cp "$build"/RPMS/x86_64/docker-ce*.rpm "$STATE/repo/docker-ce/"
createrepo_c -q "$STATE/repo/kubernetes" >/dev/null
createrepo_c -q "$STATE/repo/docker-ce" >/dev/null
# rpmbuild's default dbpath on Debian is ~/.rpmdb; building does not touch it.
touch "$stamp"
log "RPM repos built under $STATE/repo"
