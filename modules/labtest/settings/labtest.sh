#!/usr/bin/env bash
# Lab test of the host-settings modules (mount, timezone, locale_gen) on two fresh lab hosts
# (node20 node21; RIGGER_SETTINGS_HOSTS="A B" picks others): per playbook, check mode changes
# nothing (the hosts' files, mounts and locales are compared before and after), apply converges to
# the state checked here, a second apply changes nothing, hostile values are refused or literal.
set -u
cd "$(dirname "$0")"
. ../lib.sh
ROOT="$(cd ../../.. && pwd)"
RIGGER="$ROOT/rigger"
read -r A B <<<"${RIGGER_SETTINGS_HOSTS:-node20 node21}"
HOSTS="$A $B"
OUT=target/labtest
mkdir -p "$OUT"
lab_need "$(( ${A#node} > ${B#node} ? ${A#node} : ${B#node} ))"
INV="$OUT/inventory-$A-$B.ini"
lab_inventory "$INV" $HOSTS
pass=0
fail=0

check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi; }
play() { local name=$1 book=$2; shift 2; "$RIGGER" play -i "$INV" "lab/$book" --report-json "$OUT/$name.json" "$@" >"$OUT/$name.txt" 2>&1; }
count() { jq -r --arg h "$3" '.hosts[$h].'"$2" "$OUT/$1.json"; }   # count REPORT FIELD HOST
# What check mode must not touch: the files these modules edit, the mount table, the locales.
snapshot() {
    for h in $HOSTS; do
        on "$h" 'md5sum /etc/fstab /etc/rdls/fstab /etc/timezone /etc/locale.gen /etc/default/rcS 2>&1; readlink /etc/localtime;
                 findmnt -rn -o TARGET,FSTYPE | grep rdl; ls -d /opt/rdl* /opt/rdl*/* 2>&1; locale -a; ls /tmp'
    done
}
# converge NAME BOOK EXPECTED_CHANGES: check changes nothing, apply, again changes nothing
converge() {
    local n=$1 book=$2 want=$3 h
    "$ROOT/lab"/reset.sh $HOSTS >/dev/null || { echo "FAIL reset"; exit 1; }
    snapshot >"$OUT/$n.before"
    play "$n-check" "$book" --check --diff
    for h in $HOSTS; do check "$n check: $h plans $want changes" test "$(count "$n-check" changed "$h")" = "$want"; done
    snapshot >"$OUT/$n.after"
    check "$n check: hosts unchanged" diff "$OUT/$n.before" "$OUT/$n.after"
    play "$n-apply" "$book" --diff
    check "$n apply: exit 0" test "$(count "$n-apply" failed "$A")/$(count "$n-apply" failed "$B")" = 0/0
    play "$n-again" "$book"
    for h in $HOSTS; do check "$n again: $h changed=0" test "$(count "$n-again" changed "$h")" = 0; done
}

echo "== mount"
converge mount mount.yml 4
for h in $HOSTS; do
    check "$h: tmpfs mounted with its options" test "$(on "$h" 'findmnt -rn -o FSTYPE,FS-OPTIONS /opt/rdls/t')" = "tmpfs rw,size=1024k,mode=700"
    check "$h: bind mount of the source" on "$h" 'touch /opt/rdls/src/seen && test -e /opt/rdls/b/seen'
    check "$h: entries as ansible.posix writes them" test "$(on "$h" 'tail -2 /etc/fstab; cat /etc/rdls/fstab')" \
        = "$(printf 'tmpfs /opt/rdls/t tmpfs size=1m,mode=0700 0 0\nLABEL=rd\\040data /srv/rdls-data xfs noatime,noauto 0 0\n/opt/rdls/src /opt/rdls/b none bind 0 0')"
    check "$h: the seed's swap entry kept" on "$h" 'grep -q "^/dev/mapper/cl-swap" /etc/fstab'
done
check "machine: /srv/rdls-data never made" test ! -e /srv/rdls-data

echo "== mount: hostile values"
converge mount-hostile mount-hostile.yml 2
check "refused: 3 tasks fail with the reason" test "$(jq -r '[.tasks[] | select(.status == "ignored" or .status == "failed") | .message] | map(select(test("must not"))) | length' "$OUT/mount-hostile-apply.json")" = 6
for h in $HOSTS; do
    check "$h: hostile mount point mounted literally" on "$h" 'findmnt "/opt/rdlh/m \$(touch /tmp/canary-m1) \`touch /tmp/canary-m2\`"'
    check "$h: hostile fields escaped literally" test "$(on "$h" 'tail -1 /etc/fstab')" = 'x;touch\040/tmp/canary-m3 /opt/rdlh/e $(touch\040/tmp/canary-m4) a\046b\134c'"'"'" 0 0'
    check "$h: no canary" test -z "$(on "$h" 'ls /tmp / /root | grep canary')"
done
echo "== timezone"
converge timezone timezone.yml 1
check "timezone: hostile names refused on both hosts" test "$(jq '[.tasks[] | select(.task == "hostile zone names are refused" and (.status == "ignored" or .status == "failed")) | select(.message | test("not a zone name"))] | length' "$OUT/timezone-apply.json")" = 2
for h in $HOSTS; do
    check "$h: /etc/timezone and the link" test "$(on "$h" 'cat /etc/timezone; readlink /etc/localtime')" = "$(printf 'America/Sao_Paulo\n/usr/share/zoneinfo/America/Sao_Paulo')"
    check "$h: date says so" test "$(on "$h" 'date +%Z')" = -03
    check "$h: no canary" test -z "$(on "$h" 'ls /tmp / /root | grep canary')"
done

echo "== locale_gen"
converge locale_gen locale_gen.yml 1
check "locale_gen: hostile names refused on both hosts" test "$(jq '[.tasks[] | select(.task == "hostile locale names are refused" and (.status == "ignored" or .status == "failed")) | select(.message | test("invalid locale name"))] | length' "$OUT/locale_gen-apply.json")" = 2
for h in $HOSTS; do
    check "$h: uncommented in /etc/locale.gen" on "$h" 'grep -qx "fr_FR.UTF-8 UTF-8" /etc/locale.gen'
    check "$h: generated" test "$(on "$h" 'locale -a | grep -c fr_FR')" = 1
    check "$h: usable" test "$(on "$h" 'LC_ALL=fr_FR.UTF-8 date -d 2020-01-15 +%B 2>&1')" = janvier
    check "$h: no canary" test -z "$(on "$h" 'ls /tmp / /root | grep canary')"
done

"$ROOT/lab"/reset.sh $HOSTS >/dev/null
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
