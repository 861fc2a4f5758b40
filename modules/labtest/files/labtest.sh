#!/usr/bin/env bash
# Lab checks of lineinfile, blockinfile, copy and template on node4 and node5 (real sshd hosts):
# check changes nothing, apply converges, a second apply changes nothing, validate failing leaves
# the target alone, backup keeps the old file, hostile values run nothing and land literally.
# Needs: mvn -o -q package -DskipTests (target/classes) and rigger.jar in this folder.
set -u
cd "$(dirname "$0")"
ROOT="$(cd ../../.. && pwd)"
RIGGER="$ROOT/rigger"   # the real command line, built when missing
HOSTS=(node4 node5)
OUT=target/labtest
mkdir -p "$OUT"
pass=0
fail=0

check() { # check NAME COMMAND...: one assertion
    local name=$1
    shift
    if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}
on() { local h=$1; shift; ssh -F /srv/rigger-lab/ssh/config "$h" "$@"; }
play() { "$RIGGER" play -i lab/inventory.ini "$@"; }
q() { printf '%q' "$1"; }                    # one word for the remote shell
changed_on_all() { jq -e --argjson n "$2" '[.hosts[] | .changed == $n] | all' "$1" >/dev/null; }
status_of() { jq -r --arg h "$2" --arg t "$3" '.tasks[] | select(.host == $h and .task == $t) | .status' "$1"; }
# Everything under the overlaid folders, with mode, owner, size and mtime: a write changes it.
snapshot() { on "$1" 'find /etc /opt /root /var/lib -xdev -printf "%p|%m|%u|%g|%s|%T@\n" 2>/dev/null | sort | sha256sum'; }
same_file() { on "$1" "cat -- $(q "$2")" | cmp -s - "$3"; }
# A canary is a file named hfcanary-* that a hostile value would have created (absolute or in cwd).
no_canary() { test -z "$(on "$1" 'find /tmp /root / /etc -maxdepth 1 -name "hfcanary*"'; find /tmp . -maxdepth 1 -name 'hfcanary*')"; }

"$ROOT/lab"/reset.sh "${HOSTS[@]}" >/dev/null || { echo "reset failed"; exit 1; }

# 1. check mode: shows every change, changes nothing
for h in "${HOSTS[@]}"; do snapshot "$h" >"$OUT/$h.before"; done
play lab/site.yml --check --diff --report-json "$OUT/check.json" >"$OUT/check.txt" 2>&1
check "check: exit 0" test $? -eq 0
check "check: 8 changes planned per host" changed_on_all "$OUT/check.json" 8
check "check: diff shows the k8s-master line" grep -q '^ *+172.16.10.189 k8s-master$' "$OUT/check.txt"
for h in "${HOSTS[@]}"; do
    check "check: $h untouched" cmp -s <(snapshot "$h") "$OUT/$h.before"
done

# 2. apply: the files are as planned
play lab/site.yml --report-json "$OUT/apply.json" >"$OUT/apply.txt" 2>&1
check "apply: exit 0" test $? -eq 0
check "apply: 8 changed per host" changed_on_all "$OUT/apply.json" 8
for h in "${HOSTS[@]}"; do
    check "apply: $h /etc/hosts has the block once" test "$(on "$h" 'grep -c "^172.16.10.189 k8s-master$" /etc/hosts')" = 1
    check "apply: $h /etc/hosts keeps its own line" on "$h" "grep -q '^127.0.10.[45]	$h\$' /etc/hosts"
    check "apply: $h app.conf edited in order" same_file "$h" /etc/rigger-lab/app.conf lab/expected/app.conf
    check "apply: $h copy mode 0600" test "$(on "$h" 'stat -c %a /etc/rigger-motd')" = 600
    check "apply: $h src copied into the folder" on "$h" 'grep -q "name = rigger lab" /etc/default/app.ini'
    check "apply: $h template rendered" test "$(on "$h" 'cat /etc/rigger-app.env')" = "PORT=8080
HOST=$h"
done

# 3. idempotency: apply and check again change nothing
play lab/site.yml --report-json "$OUT/again.json" >"$OUT/again.txt" 2>&1
check "again: changed=0 on every host" changed_on_all "$OUT/again.json" 0
play lab/site.yml --check --report-json "$OUT/again-check.json" >/dev/null 2>&1
check "again: check plans nothing" changed_on_all "$OUT/again-check.json" 0

# 4. validate and backup
h=node4
hosts_before=$(on "$h" 'sha256sum /etc/hosts')
play lab/validate.yml -l "$h" --report-json "$OUT/validate.json" >"$OUT/validate.txt" 2>&1
check "validate: failing copy is failed (ignored)" test "$(status_of "$OUT/validate.json" "$h" 'copy whose validate fails')" = ignored
check "validate: failing blockinfile is failed (ignored)" test "$(status_of "$OUT/validate.json" "$h" 'blockinfile whose validate fails')" = ignored
check "validate: /etc/hosts untouched" test "$(on "$h" 'sha256sum /etc/hosts')" = "$hosts_before"
check "validate: no temporary file left" test -z "$(on "$h" 'ls -A /etc /etc/rigger-lab | grep "\.rigger-[0-9a-f]*$"')"
check "validate: passing copy applied" on "$h" 'grep -qx "hello k8s-master" /etc/rigger-motd'
check "backup: copy kept the old file" on "$h" 'grep -qx welcome /etc/rigger-motd.*~'
check "backup: lineinfile kept the old file" on "$h" 'grep -qx port=8080 /etc/rigger-lab/app.conf.*~ && grep -qx port=9090 /etc/rigger-lab/app.conf'
check "backup: one backup per changed file" test "$(on "$h" 'ls /etc/rigger-motd.*~ /etc/rigger-lab/app.conf.*~ | wc -l')" = 2

# 5. hostile values: nothing runs, everything lands literally, and it converges
play lab/hostile.yml --report-json "$OUT/hostile.json" >"$OUT/hostile.txt" 2>&1
for h in "${HOSTS[@]}"; do
    check "hostile: $h no canary" no_canary "$h"
    check "hostile: $h line in a hostile path" same_file "$h" "/etc/rigger dír/ünï \$(touch hfcanary-path) \`id\`;'.conf" lab/expected/hostile-path.conf
    check "hostile: $h backrefs" same_file "$h" /etc/rigger-backrefs.conf lab/expected/backrefs.conf
    check "hostile: $h variable line and block" same_file "$h" /etc/rigger-hostile.conf lab/expected/hostile.conf
    check "hostile: $h copy to a path with a newline" same_file "$h" "/etc/rigger nl
name \$(touch hfcanary-copy)" lab/expected/newline-path
    check "hostile: $h template" same_file "$h" "/etc/rigger tpl ü.conf" lab/expected/template.conf
    check "hostile: $h newline in line refused" bash -c "grep -A1 '^ignored *$h *a newline in line is refused' '$OUT/hostile.txt' | grep -q \"argument 'line' of module 'lineinfile' must be one line\""
done
play lab/hostile.yml --report-json "$OUT/hostile-again.json" >/dev/null 2>&1
check "hostile: second apply changed=0" changed_on_all "$OUT/hostile-again.json" 0
for h in "${HOSTS[@]}"; do check "hostile: $h still no canary" no_canary "$h"; done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
