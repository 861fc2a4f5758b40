#!/bin/bash
# Builds the lab's local pip wheelhouse (pip and the lab hosts have no package index):
#   $STATE/repo/pip   pure-Python wheels, read with PIP_NO_INDEX=1 PIP_FIND_LINKS=$STATE/repo/pip
#                     (or extra_args: --no-index --find-links=...)
#     rdpipa  1.0, 1.1, 2.0   module rdpipa with VERSION (present, version, latest)
#     rdpipb  1.0             Requires-Dist: rdpipa (a dependency pip installs too)
# Each wheel is a zip written by Python's zipfile (no setuptools, no network). Rebuilt when this
# script changes (its hash names the stamp). Called by build-apt-repo.sh. See lab/README.md.
# Usage: lab/build-pip-wheels.sh [--force]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_root
check_state_root

hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)
out=$STATE/repo/pip
stamp=$out/.built-$hash
if [ "${1:-}" != --force ] && [ -f "$stamp" ]; then
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
/usr/bin/python3 - "$out" <<'PY'
import base64, hashlib, sys, zipfile

def wheel(out, name, version, requires=()):
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\n",
        f"{dist}/METADATA": "Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: rigger lab test package\n%s"
            % (name, version, "".join(f"Requires-Dist: {r}\n" for r in requires)),
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: rigger-lab\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}/top_level.txt": name + "\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist}/RECORD,,")
    files[f"{dist}/RECORD"] = "\n".join(record) + "\n"
    with zipfile.ZipFile(f"{out}/{name}-{version}-py3-none-any.whl", "w") as z:
        for path, text in files.items():
            info = zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, text)

out = sys.argv[1]
for v in ("1.0", "1.1", "2.0"):
    wheel(out, "rdpipa", v)
wheel(out, "rdpipb", "1.0", ["rdpipa"])
PY
touch "$stamp"
log "pip wheelhouse built in $out"
