#!/bin/bash
# Builds the lab's bare git repository (called by build-repo.sh; cheap when already built):
#   $STATE/repo/git/rdproject.git   hosts clone it as file:///srv/rigger-lab/repo/git/rdproject.git
#     main    3 commits (README, app.conf v1, v2); HEAD
#     stable  branch at commit 2 plus its own commit (stable.txt)
#     v1.0    lightweight tag at commit 1; v2.0 annotated tag at commit 2
# Commits have fixed authors and dates, so their ids are the same on every build.
# The repository lives under $STATE/repo, the one part of the state root hosts see (read-only).
# Rebuilt when this script changes (its hash names the stamp). See lab/README.md.
# Usage: lab/build-git-repo.sh [--force]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root

hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
out=$STATE/repo/git
stamp=$out/.built-$hash
if [ "${1:-}" != --force ] && [ -f "$stamp" ]; then
  exit 0
fi
command -v git >/dev/null || die "git missing (apt-get install git)"

build=$STATE/build-git
rm -rf "$build"
mkdir -p "$build"
export GIT_AUTHOR_NAME="Rigger lab" GIT_AUTHOR_EMAIL=lab@localhost GIT_COMMITTER_NAME="Rigger lab" GIT_COMMITTER_EMAIL=lab@localhost
export GIT_CONFIG_NOSYSTEM=1 HOME=$build
commit() { # commit N MESSAGE: dated N hours after 2020-01-01
  GIT_AUTHOR_DATE="2020-01-01T0$1:00:00Z" GIT_COMMITTER_DATE="2020-01-01T0$1:00:00Z" git -C "$build/work" commit -q -m "$2"
}
git init -q -b main "$build/work"
echo "rdproject: a test repository of the Rigger lab" >"$build/work/README"
git -C "$build/work" add README && commit 1 "README"
git -C "$build/work" tag v1.0
echo "version=1" >"$build/work/app.conf"
git -C "$build/work" add app.conf && commit 2 "app.conf version 1"
GIT_COMMITTER_DATE="2020-01-01T02:30:00Z" git -C "$build/work" tag -a v2.0 -m "release 2.0"
git -C "$build/work" branch stable
echo "version=2" >"$build/work/app.conf"
git -C "$build/work" add app.conf && commit 3 "app.conf version 2"
git -C "$build/work" checkout -q stable
echo "stable" >"$build/work/stable.txt"
git -C "$build/work" add stable.txt && commit 4 "stable branch"
git -C "$build/work" checkout -q main
git clone -q --bare "$build/work" "$build/rdproject.git"
git -C "$build/rdproject.git" remote remove origin

# swapped in place: hosts bind-mount $STATE/repo, and see new folders in it
mkdir -p "$out"
find "$out" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
cp -a "$build/rdproject.git" "$out/"
rm -rf "$build"
touch "$stamp"
log "git repository built under $out"
