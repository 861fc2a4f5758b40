#!/bin/bash
# Builds the lab's local apt repository of tiny .deb packages with dpkg-deb and dpkg-scanpackages
# (called by build-repo.sh; cheap when already built):
#   $STATE/repo/apt       a flat repository (Packages, Release) read by apt as
#                         "deb [trusted=yes] file:$STATE/repo/apt ./"
#     rdhello   1.0-1, 1.1-1, 2.0-1   /usr/bin/rdhello prints its version (upgrade, downgrade, pins)
#     rdtool    1.0-1, 2.0-1          (latest)
#     rdapp     1.0-1                 Depends: rdlib (auto-installed: autoremove removes it)
#     rdlib     1.0-1
#     rdconf    1.0-1                 a conffile /etc/rdconf.conf (remove keeps it, purge deletes it)
#     rdrec     1.0-1                 Recommends: rdextra (install_recommends)
#     rdextra   1.0-1
#     rdsvc     1.0-1                 its postinst asks policy-rc.d as invoke-rc.d does, answer in /var/lib/rdsvc.policy-rc
#   $STATE/repo/apt-debs  .deb files that no index lists (the apt module's deb parameter):
#     rdlocal_1.0-1_all.deb, rdlocal_2.0-1_all.deb, "rd local $(touch hfcanary-d).deb" (rdlocal 1.0-1)
# The repository lives under $STATE/repo, the one part of the state root hosts see (read-only).
# Rebuilt when this script changes (its hash names the stamp). See lab/README.md.
# Usage: lab/build-apt-repo.sh [--force]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root

"$LAB_DIR/build-pip-wheels.sh" "$@"   # the pip wheelhouse beside the apt repository
hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
out=$STATE/repo/apt
stamp=$out/.built-$hash
if [ "${1:-}" != --force ] && [ -f "$stamp" ]; then
  exit 0
fi
command -v dpkg-deb >/dev/null && command -v dpkg-scanpackages >/dev/null || die "dpkg-deb/dpkg-scanpackages missing (apt-get install dpkg-dev)"

build=$STATE/build-apt
rm -rf "$build"
mkdir -p "$build/pool" "$build/debs"

# deb NAME VERSION [CONTROL-LINE...]: a package whose /usr/bin/NAME prints "NAME VERSION"
deb() {
  local name=$1 version=$2 d=$build/src/$1-$2
  shift 2
  mkdir -p "$d/DEBIAN" "$d/usr/bin"
  printf '#!/bin/sh\necho "%s %s"\n' "$name" "$version" >"$d/usr/bin/$name"
  chmod 755 "$d/usr/bin/$name"
  { echo "Package: $name"
    echo "Version: $version"
    echo "Architecture: all"
    echo "Maintainer: Rigger lab <lab@localhost>"
    echo "Priority: optional"
    echo "Section: misc"
    for line in "$@"; do echo "$line"; done
    echo "Description: Rigger lab test package $name"
    echo " A tiny package of the Rigger lab's apt repository."; } >"$d/DEBIAN/control"
  if [ "$name" = rdconf ]; then
    mkdir -p "$d/etc"
    echo "setting=$version" >"$d/etc/rdconf.conf"
    echo /etc/rdconf.conf >"$d/DEBIAN/conffiles"
  fi
  if [ "$name" = rdsvc ]; then
    # asks policy-rc.d whether it may start its service, as invoke-rc.d does, and records the answer
    printf '#!/bin/sh\nif [ -x /usr/sbin/policy-rc.d ]; then /usr/sbin/policy-rc.d rdsvc start; echo $?; else echo none; fi >/var/lib/rdsvc.policy-rc\n' \
      >"$d/DEBIAN/postinst"
    chmod 755 "$d/DEBIAN/postinst"
  fi
  dpkg-deb --root-owner-group -Zgzip --build "$d" "$build/${name}_${version}_all.deb" >/dev/null
}

for v in 1.0-1 1.1-1 2.0-1; do deb rdhello "$v"; done
for v in 1.0-1 2.0-1; do deb rdtool "$v"; done
deb rdlib 1.0-1
deb rdapp 1.0-1 "Depends: rdlib"
deb rdconf 1.0-1
deb rdextra 1.0-1
deb rdrec 1.0-1 "Recommends: rdextra"
deb rdsvc 1.0-1
mv "$build"/rd*.deb "$build/pool/"
deb rdlocal 1.0-1
deb rdlocal 2.0-1
mv "$build"/rdlocal_*.deb "$build/debs/"
cp "$build/debs/rdlocal_1.0-1_all.deb" "$build/debs/rd local \$(touch hfcanary-d).deb"

(cd "$build/pool" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null >Packages && gzip -9nk Packages)
{ echo "Origin: rigger-lab"
  echo "Label: rigger-lab"
  echo "Suite: lab"
  echo "Codename: lab"
  echo "Architectures: all amd64"
  echo "Date: $(LC_ALL=C date -u -d @0 '+%a, %d %b %Y %H:%M:%S UTC')"
  echo "SHA256:"
  for f in Packages Packages.gz; do
    printf ' %s %s %s\n' "$(sha256sum <"$build/pool/$f" | cut -d' ' -f1)" "$(stat -c %s "$build/pool/$f")" "$f"
  done; } >"$build/pool/Release"

# swapped in place: hosts bind-mount $STATE/repo, and see new folders in it
mkdir -p "$out" "$STATE/repo/apt-debs"
find "$out" "$STATE/repo/apt-debs" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
cp -a "$build/pool/." "$out/"
cp -a "$build/debs/." "$STATE/repo/apt-debs/"
rm -rf "$build"
touch "$stamp"
log "apt repository built under $out"
