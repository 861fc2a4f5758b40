#!/bin/bash
# Builds the lab's local RPM repositories with rpmbuild + createrepo_c:
#   $STATE/repo/kubernetes : kubelet, kubeadm, kubectl at 1.16.2 and 1.17.0
#   $STATE/repo/docker-ce  : docker-ce 19.03.5
#   $STATE/repo/k8s        : labproc (the hosts' simulated /proc, readable before any install)
# and then, with build-apt-repo.sh, the apt repository $STATE/repo/apt, and with build-git-repo.sh
# the bare git repository $STATE/repo/git/rdproject.git.
# Each package installs small marker programs that print their version; kubelet and dockerd
# are long-running daemons with a systemd unit and a sysv init script. The kubeadm packages
# carry the Kubernetes TEST STAND-INS of lab/k8s (a kubeadm and an in-memory kube-apiserver, one
# jar built with Maven from lab/k8s/apiserver); the kubectl packages link /usr/bin/kubectl to the
# machine's real kubectl of the stand-in's minor version (/usr/lib/google-cloud-sdk/bin/kubectl.1.NN).
# See lab/README.md.
# Usage: lab/build-repo.sh [--force]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root

stamp=$STATE/repo/.built-v$LAB_LAYOUT_VERSION
if [ "${1:-}" != --force ] && [ -f "$stamp" ]; then
  "$LAB_DIR/build-apt-repo.sh"
  exec "$LAB_DIR/build-git-repo.sh"
fi
command -v rpmbuild >/dev/null && command -v createrepo_c >/dev/null || die "rpmbuild/createrepo_c missing (run lab/up.sh)"

# The stand-in jar (lab/k8s/apiserver), cached by the hash of its sources (in the state root and,
# to survive down.sh --wipe, in ~/.cache/rigger-lab): Maven runs only when they change (offline
# first, online once if a dependency is missing).
k8s_src=$LAB_DIR/k8s/apiserver
k8s_hash=$(cd "$k8s_src" && find pom.xml src -type f | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16)
k8s_jar=$STATE/k8s-standin/k8s-standin-$k8s_hash.jar
k8s_cache=${XDG_CACHE_HOME:-$HOME/.cache}/rigger-lab/k8s-standin-$k8s_hash.jar
if [ ! -f "$k8s_jar" ] && [ -f "$k8s_cache" ]; then
  rm -rf "$STATE/k8s-standin"; mkdir -p "$STATE/k8s-standin"; cp "$k8s_cache" "$k8s_jar"
fi
if [ ! -f "$k8s_jar" ]; then
  command -v mvn >/dev/null || die "mvn missing: needed to build the Kubernetes stand-ins (lab/k8s/apiserver)"
  log "building the Kubernetes stand-in jar (maven)"
  rm -rf "$STATE/k8s-standin"; mkdir -p "$STATE/k8s-standin"
  mvn_args=(-q -B -f "$k8s_src/pom.xml" "-Dk8s.build.dir=$STATE/k8s-standin/build" package)
  mvn -o "${mvn_args[@]}" >"$STATE/k8s-standin/mvn.log" 2>&1 || mvn "${mvn_args[@]}" >>"$STATE/k8s-standin/mvn.log" 2>&1 \
    || { tail -20 "$STATE/k8s-standin/mvn.log" >&2; die "maven build of lab/k8s/apiserver failed"; }
  cp "$STATE/k8s-standin/build/k8s-standin.jar" "$k8s_jar"
fi
if [ ! -f "$k8s_cache" ]; then
  { mkdir -p "$(dirname "$k8s_cache")" && rm -f "$(dirname "$k8s_cache")"/k8s-standin-*.jar && cp "$k8s_jar" "$k8s_cache"; } || true
fi

# The kubectl the kubectl packages link to (see below).
kubectl_minor=$(sed -n 's/.*String serverVersion = "v\(1\.[0-9]*\)\..*/\1/p' "$k8s_src/src/main/java/dev/rigger/lab/k8s/ApiServer.java")
kubectl_bin=/usr/lib/google-cloud-sdk/bin/kubectl.$kubectl_minor
[ -n "$kubectl_minor" ] && [ -x "$kubectl_bin" ] || kubectl_bin=/usr/lib/google-cloud-sdk/bin/kubectl

build=$STATE/build
# The new repo is made in $build/repo and swapped in at the end, keeping the $STATE/repo
# directory itself: running hosts bind-mount that directory, and a deleted-and-recreated one
# would leave them an empty, deleted repo until they are reset.
out=$build/repo
rm -rf "$build"
mkdir -p "$build"/{SPECS,SOURCES,BUILD,RPMS,SRPMS,BUILDROOT} "$out/kubernetes" "$out/docker-ce" "$out/k8s"
install -m 0755 "$LAB_DIR/k8s/bin/labproc" "$out/k8s/labproc"

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
  # the TEST STAND-IN of lab/k8s/bin/kubelet: crash-loops until kubeadm init/join wrote its config
  sed "s/@VERSION@/$v/g" "$LAB_DIR/k8s/bin/kubelet" > "$src/usr/bin/kubelet"
  # the real kubelet RPM's unit (kubernetes/release rpm/kubelet.service)
  cat > "$src/usr/lib/systemd/system/kubelet.service" <<EOS
[Unit]
Description=kubelet: The Kubernetes Node Agent (Rigger lab stand-in $v)
Documentation=https://kubernetes.io/docs/

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
EOS
  init_script kubelet /usr/bin/kubelet > "$src/etc/init.d/kubelet"
  echo 'KUBELET_EXTRA_ARGS=' > "$src/etc/sysconfig/kubelet"
  chmod 755 "$src/usr/bin/kubelet" "$src/etc/init.d/kubelet"
  spec kubelet "$v" 0 "Container cluster management node agent"

  # kubectl: the real client, one binary as on a real node: the machine's build of the minor
  # version the API stand-in reports. Not the machine's dispatcher, which asks the server for its
  # version on every call to pick a build (~0.1 s of CPU per call that a real node never spends),
  # unless the machine lacks that build.
  src=$build/SOURCES/kubectl-$v
  mkdir -p "$src/usr/bin"
  ln -s "$kubectl_bin" "$src/usr/bin/kubectl"
  spec kubectl "$v" 0 "Command-line utility for interacting with a Kubernetes cluster"

  # kubeadm: the TEST STAND-IN of lab/k8s (version answered here, fast; the rest in Java).
  src=$build/SOURCES/kubeadm-$v
  local lib=$src/usr/lib/kubeadm-standin
  mkdir -p "$src/usr/bin" "$lib" "$src/usr/lib/systemd/system" "$src/etc/init.d"
  cat > "$src/usr/bin/kubeadm" <<EOS
#!/bin/sh
# Rigger lab TEST STAND-IN for kubeadm $v (never shipped in the product): see lab/README.md and
# lab/k8s/apiserver (dev.rigger.lab.k8s.Kubeadm).
case "\$*" in
  "version -o short"|"version --output=short") echo "v$v"; exit 0 ;;
  version*) echo "kubeadm version: &$info"; exit 0 ;;
esac
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Dkubeadm.version=$v -jar /usr/lib/kubeadm-standin/k8s-standin.jar kubeadm "\$@"
EOS
  cp "$k8s_jar" "$lib/k8s-standin.jar"
  cp "$LAB_DIR/k8s/bin/labproc" "$lib/labproc"
  cat > "$lib/kube-apiserver-standin" <<'EOS'
#!/bin/sh
# Rigger lab TEST STAND-IN for kube-apiserver (never shipped in the product): started by
# `kubeadm init` as the service kube-apiserver-standin; serves /etc/kubernetes/standin/apiserver.json.
echo $$ > /run/kube-apiserver-standin.pid
exec java -XX:+UseSerialGC -Xmx160m -XX:TieredStopAtLevel=1 -Xss512k \
  -jar /usr/lib/kubeadm-standin/k8s-standin.jar apiserver --config /etc/kubernetes/standin/apiserver.json \
  >>/var/log/kube-apiserver-standin.log 2>&1 </dev/null
EOS
  cat > "$src/usr/lib/systemd/system/kube-apiserver-standin.service" <<EOS
[Unit]
Description=kube-apiserver TEST STAND-IN (Rigger lab $v; started by kubeadm init)

[Service]
Type=simple
ExecStart=/usr/lib/kubeadm-standin/kube-apiserver-standin
Restart=no

[Install]
WantedBy=multi-user.target
EOS
  init_script kube-apiserver-standin /usr/lib/kubeadm-standin/kube-apiserver-standin > "$src/etc/init.d/kube-apiserver-standin"
  chmod 755 "$src/usr/bin/kubeadm" "$lib/labproc" "$lib/kube-apiserver-standin" "$src/etc/init.d/kube-apiserver-standin"
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
cp "$build"/RPMS/x86_64/kube*.rpm "$out/kubernetes/"
cp "$build"/RPMS/x86_64/docker-ce*.rpm "$out/docker-ce/"
createrepo_c -q "$out/kubernetes" >/dev/null
createrepo_c -q "$out/docker-ce" >/dev/null
# rpmbuild's default dbpath on Debian is ~/.rpmdb; building does not touch it.
mkdir -p "$STATE/repo"
find "$STATE/repo" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
cp -a "$out/." "$STATE/repo/"
touch "$stamp"
log "RPM repos built under $STATE/repo"
"$LAB_DIR/build-apt-repo.sh" --force   # $STATE/repo was emptied above
"$LAB_DIR/build-git-repo.sh" --force   # the same
