#!/usr/bin/env bash
# Differential lab test: each playbook in lab/ runs with ansible-playbook on node46 and with
# rigger play on node47 (fresh hosts, the same text), and the two must agree: per task the
# verdict (changed/ok/skipped/failed) of check on fresh hosts, the first apply, the second apply
# and check on converged hosts; what debug printed of registered values (stat, slurp, ...); and
# the resulting files (path, type, mode, owner, group, link target, content hash).
# Usage: labtest.sh [PLAYBOOK...] (default: all).
# The scenarios are spread over host pairs (RIGGER_DIFF_HOSTS="A1 R1 A2 R2 ...", default in
# ../lib.sh: node46/47, node94/95, node96/97), one scenario at a time per pair, the longest
# first (the seconds each took when last run here, else the estimates in EST below); each
# scenario's output is kept whole and printed in the order below.
# fetch.yml also compares the trees each tool wrote on the controller (/tmp/rdiff-fetch).
set -u
cd "$(dirname "$0")"
. ../lib.sh
ROOT="$(cd ../../.. && pwd)"
RIGGER="$ROOT/rigger"
read -r -a PAIRS <<<"$(diff_hosts)"
[ $((${#PAIRS[@]} % 2)) -eq 0 ] || { echo "FAIL RIGGER_DIFF_HOSTS needs pairs of hosts: ${PAIRS[*]}"; exit 1; }
OUT=target/labtest
mkdir -p "$OUT"
exec 8>"$OUT/.lock"
flock -n 8 || { echo "FAIL another run of this script uses $PWD/$OUT"; exit 1; }
lab_need "$(highest_host "${PAIRS[@]}")"
need_tool crontab cron || { echo "FAIL cannot install cron (crontab) on this machine"; exit 1; }   # the hosts' /usr is the machine's
rigger_warm "${PAIRS[1]}"

check() { # check NAME COMMAND...: one assertion (counted from the scenario's output)
    local name=$1
    shift
    if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fi
}
ansible_run() { # ansible_run PLAYBOOK OUT [--check]: per task "name|verdict|debug message"
    local pb=$1 out=$2
    shift 2
    ANSIBLE_STDOUT_CALLBACK=json ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_SSH_RETRIES=3 \
        ansible-playbook -i "$INV" -l "$A" "$@" "lab/$pb" >"$out.raw" 2>"$out.err"
    sed -n '/^{/,$p' "$out.raw" >"$out.json"   # pause prints its countdown before the json callback's document
    # (a role's task is named "ROLE : NAME" by Ansible's json callback; Rigger reports NAME)
    jq -r --arg h "$A" '.plays[].tasks[] | (.task.name | sub("^[A-Za-z0-9_.-]+ : "; "")) as $n | .hosts[$h] | select(. != null)
        | [$n, (if .skipped and ((.msg // "") | test("does not support check mode|check mode not [(]yet[)] supported")) then "nocheck" elif .skipped then "skipped" elif .failed then "failed" elif .changed then "changed" else "ok" end),
           (if (.action == "debug" or .action == "ansible.builtin.debug") and (.skipped | not) then (.msg | tojson) else "" end)] | join("|")' \
        "$out.json" >"$out.tasks"
}
rigger_run() { # rigger_run PLAYBOOK OUT [--check]: the same lines
    local pb=$1 out=$2
    shift 2
    "$RIGGER" play -i "$INV" -l "$R" "$@" --report-json "$out.json" "lab/$pb" >"$out.txt" 2>&1
    jq -r '.tasks[] | [.task, (if .status == "ignored" then "ignored" else .status end),
           (if .module == "debug" and .status == "ok" then (.message // "" | tojson) else "" end)] | join("|")' "$out.json" \
        | sed '/|failed|/q' | sed 's/|ignored|/|failed|/; s/|rescued|/|failed|/' >"$out.tasks"   # Ansible lists no task after a host's failure; Rigger skips them
        # (an ignored or rescued failure is a failed task in Ansible's json, and the host goes on)
}
# Everything under the playbook's folders: path, type, mode, owner, group, link target, content
# hash; then what the playbook's own state command prints (e.g. crontab -l, whose spool file
# carries the install time).
state() { on "$1" "${3:-true}; find $2 -printf '%p|%y|%m|%u|%g|%l|' -exec sh -c 'test -f \"\$1\" && ! test -L \"\$1\" && sha256sum < \"\$1\" || echo' _ {} \\; 2>/dev/null | sort"; }
same() { # same NAME FILE1 FILE2: equal, else show the difference
    if cmp -s "$2" "$3"; then return 0; fi
    diff "$2" "$3" | head -20 | sed 's/^/     /'
    return 1
}
# Check mode on fresh hosts: where a task's outcome depends on what an earlier task would create,
# Rigger says unknown and Ansible guesses (changed) or fails (and stops the host). An unknown
# counts as Ansible's verdict there, and the comparison ends where Ansible stopped.
unknown_as_ansible() {
    python3 - "$1" "$2" <<'PY'
import sys
a = open(sys.argv[1]).read().splitlines()
r = open(sys.argv[2]).read().splitlines()
out = []
for i, line in enumerate(r[:len(a)] if a and a[-1].split("|")[1] == "failed" else r):
    f = line.split("|")
    if f[1] == "unknown" and i < len(a) and a[i].split("|")[0] == f[0] and a[i].split("|")[1] in ("changed", "failed"):
        line = a[i]
    out.append(line)
open(sys.argv[2], "w").write("".join(l + "\n" for l in out))
PY
}
# Check mode where Ansible's module has none (unarchive of a tar with GNU tar: skipped, "does not
# support check mode"): Rigger plans these (docs/modules/unarchive.md), so its verdict is taken.
nocheck_as_rigger() {
    python3 - "$1" "$2" <<'PY'
import sys
a = open(sys.argv[1]).read().splitlines()
r = open(sys.argv[2]).read().splitlines()
for i, line in enumerate(a):
    f = line.split("|")
    if f[1] == "nocheck" and i < len(r) and r[i].split("|")[0] == f[0]:
        a[i] = r[i]
open(sys.argv[1], "w").write("".join(l + "\n" for l in a))
PY
}
# fetch.yml's copies on the controller: the paths naming the host (its name replaced), types, modes and contents
fetched() { (cd /tmp/rdiff-fetch 2>/dev/null && find . -path "*$1*" -printf '%p|%y|%m|' -exec sh -c 'test -f "$1" && sha256sum < "$1" || echo' _ {} \; | sed "s/$1/H/g" | sort); }
no_canary() { test -z "$(on "$1" 'find /tmp / /etc /root /opt/rdun /opt/rdget /opt/rdrec -maxdepth 1 -name "hfcanary*" 2>/dev/null')"; }

# unarchive.yml's archives, on the controller: a folder, a file whose name is shell syntax, a link.
make_archives() {
    local a=/tmp/rdiff-archives
    rm -rf "$a" && mkdir -p "$a/src/app/sub" || return 1
    echo k=v >"$a/src/app/conf"
    echo hi >"$a/src/app/sub/x \$(touch hfcanary-u) \`id\`"
    ln -s conf "$a/src/app/link"
    tar -czf "$a/app.tgz" -C "$a/src" app && tar -cf "$a/app.tar" -C "$a/src" app && (cd "$a/src" && zip -qry ../app.zip app)
}
make_archives || { echo "FAIL cannot make the archives"; exit 1; }

# get_url.yml's and uri.yml's web server: python's http.server on a loopback address of its own, serving files
# of known checksums (one binary, with shell syntax); stopped by its PID when the script ends.
WWW=/tmp/rdiff-www WWW_ADDR=127.0.9.80 WWW_PORT=8080
serve_files() {
    rm -rf "$WWW" && mkdir -p "$WWW" || return 1
    printf 'hello rigger\n' >"$WWW/f.txt"
    printf '{"a": 1, "b": ["x"]}' >"$WWW/d.json"
    printf 'binary\0\1\2 data $(touch hfcanary-g)\n' >"$WWW/b.bin"
    cp lab/files/rpm-key-*.asc "$WWW/"   # rpm_key.yml's keys
    python3 -m http.server "$WWW_PORT" --bind "$WWW_ADDR" --directory "$WWW" >"$OUT/http.log" 2>&1 &
    WWW_PID=$!
    trap 'kill "$WWW_PID" 2>/dev/null' EXIT
    for _ in $(seq 50); do curl -sf -o /dev/null "http://$WWW_ADDR:$WWW_PORT/f.txt" && return 0; sleep 0.2; done
    return 1
}
if [ $# -eq 0 ] || [[ " $* " == *" get_url.yml "* ]] || [[ " $* " == *" uri.yml "* ]] || [[ " $* " == *" rpm_key.yml "* ]] || [[ " $* " == *" apt_key.yml "* ]]; then
    serve_files || { echo "FAIL cannot start the web server on $WWW_ADDR:$WWW_PORT"; exit 1; }
fi

# pip.yml's wheelhouse (built once, under the state root)
if [ $# -eq 0 ] || [[ " $* " == *" pip.yml "* ]]; then
    "$ROOT/lab/build-pip-wheels.sh" || { echo "FAIL cannot build the lab's pip wheelhouse"; exit 1; }
fi

# apt.yml's, apt-change.yml's and package.yml's packages: the lab's apt repository (built once, under the state root)
# as the hosts' only source; apt-change.yml and package.yml start from a host that has some of them installed.
if [ $# -eq 0 ] || [[ " $* " == *" apt"* ]] || [[ " $* " == *" package.yml "* ]] || [[ " $* " == *" package_facts.yml "* ]]; then
    "$ROOT/lab/build-apt-repo.sh" || { echo "FAIL cannot build the lab's apt repository"; exit 1; }
fi
APT_SOURCE="rm -f /etc/apt/sources.list.d/debian.sources; echo 'deb [trusted=yes] file:/srv/rigger-lab/repo/apt ./' >/etc/apt/sources.list.d/rdlab.list; apt-get -q update >/dev/null"
APT_STATE="dpkg-query -W -f '\${Package} \${Version} \${db:Status-Abbrev}\n' 'rd*'; apt-mark showauto 'rd*'"
APT_FILES="/etc/rdconf.conf /usr/bin/rdhello /usr/bin/rdtool /usr/bin/rdapp /usr/bin/rdlib /usr/bin/rdconf /usr/bin/rdrec /usr/bin/rdextra /usr/bin/rdlocal /etc/apt/sources.list.d /var/lib/rdsvc.policy-rc /usr/sbin/policy-rc.d"

# package_facts.yml's starting point: the lab's apt repository beside Debian's sources (its list updated alone: the lab
# has no network), rdhello from it, kubelet 1.16.2 with dnf from the lab's kubernetes RPM repository, cron started.
PF_PREP="echo 'deb [trusted=yes] file:/srv/rigger-lab/repo/apt ./' >/etc/apt/sources.list.d/rdlab.list && apt-get -q update -o Dir::Etc::sourcelist=sources.list.d/rdlab.list -o Dir::Etc::sourceparts=- -o APT::Get::List-Cleanup=0 >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get -y -q install rdhello >/dev/null && dnf -y -q --repofrompath=rdk,file:///srv/rigger-lab/repo/kubernetes --repo=rdk --nogpgcheck install kubelet-1.16.2 >/dev/null 2>/dev/null && service cron start >/dev/null"

# apt_key.yml's keys: the listings of its keyrings and of apt's default keys, without apt-key's temporary folder (no '|')
APT_KEYS="apt-key --keyring /etc/apt/trusted.gpg.d/rdak.gpg adv --list-public-keys --keyid-format=long >/tmp/rdak.1 2>/dev/null; apt-key adv --list-public-keys --keyid-format=long >/tmp/rdak.2 2>/dev/null; apt-key --keyring /etc/apt/keyrings/rdprep.gpg adv --list-public-keys --keyid-format=long >/tmp/rdak.3 2>/dev/null; sed '/apt-key-gpghome/d' /tmp/rdak.1 /tmp/rdak.2 /tmp/rdak.3; ls /etc/apt/trusted.gpg.d"

# mount.yml's mounts: the host's own mount table (its mount namespace), without the overlay's host-specific options (no '|': it splits the specs).
MOUNTS='findmnt -rn -o TARGET,FSROOT,FSTYPE,VFS-OPTIONS,FS-OPTIONS >/tmp/rdm.mnt; awk '"'"'$1 ~ /rdm/ { if ($3 != "tmpfs") $5 = ""; print }'"'"' /tmp/rdm.mnt'
# git: the working trees (not .git, whose logs and index differ by time), then each checkout's refs and HEAD
GIT_TREES="/opt/rdgit -name .git -prune -o -name bare.git -prune -o"
GIT_STATE='for d in /opt/rdgit/*; do echo "$d"; git -C "$d" rev-parse HEAD; git -C "$d" symbolic-ref -q HEAD; git -C "$d" rev-parse --is-shallow-repository; git -C "$d" config --get remote.origin.url; git -C "$d" for-each-ref --format="%(refname) %(objectname)"; done 2>&1' 

# apt_repository.yml's starting point: only pre.list, a line of it enabled (the lab repository, other options), one
# commented out, a comment with two hashes, a last line without its end (Ansible rewrites them all)
APT_REPOSITORY_PREP="rm -f /etc/apt/sources.list.d/*; printf '%s\\n' 'deb [trusted=yes arch=amd64] file:/srv/rigger-lab/repo/apt ./' '#deb   http://deb.example.com/debian bookworm main # why' '## two hashes' >/etc/apt/sources.list.d/pre.list && printf '#deb-src file:/srv/rigger-lab/repo/none ./ # no end' >>/etc/apt/sources.list.d/pre.list"

# mysql.yml's server: a fresh MariaDB in the host (the machine's mariadb-server through the host's /usr), as root,
# without networking (every lab host shares the loopback), its socket under the host's own /run; the state compared
# is what the server holds (no '|' in these: it splits the specs).
MYSQL_PREP="rm -rf /var/lib/mysql; mkdir -p /run/mysqld /var/lib/mysql && mysql_install_db --user=root --skip-test-db --datadir=/var/lib/mysql >/tmp/rdmysql-install.log 2>&1 && { setsid mariadbd --user=root --datadir=/var/lib/mysql --skip-networking --socket=/run/mysqld/mysqld.sock --pid-file=/run/mysqld/mysqld.pid </dev/null >/tmp/rdmysql.log 2>&1 & } && for i in \$(seq 120); do mysql -e 'SELECT 1' >/dev/null 2>&1 && exit 0; sleep 0.5; done; exit 1"
MYSQL_STATE="mysql -N -e 'SHOW DATABASES; SELECT user, host, plugin, authentication_string FROM mysql.user ORDER BY user, host' && mysql -N -e \"SELECT CONCAT('SHOW GRANTS FOR ', QUOTE(user), '@', QUOTE(host), ';') FROM mysql.user ORDER BY user, host\" >/tmp/rdgrants.sql && mysql -N </tmp/rdgrants.sql"
# postgresql.yml's server: a fresh PostgreSQL 15 cluster in the host (the machine's postgresql-15 through the host's
# /usr), initdb'd and started as postgres, no TCP (every lab host shares the loopback), its socket under the host's own
# /run/postgresql, peer authentication on it (but for the role rdutf: its SCRAM password); the state compared is what the server holds: databases, roles' attributes,
# the kind of each password hash (the salts differ) and comments (no '|' in these).
PG_PREP="cd /tmp && rm -rf /var/lib/postgresql/rdpg && mkdir -p /var/lib/postgresql/rdpg /run/postgresql && chown postgres:postgres /var/lib/postgresql/rdpg /run/postgresql && su postgres -s /bin/sh -c '/usr/lib/postgresql/15/bin/initdb -D /var/lib/postgresql/rdpg -E UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=reject >/tmp/rdpg-initdb.log 2>&1 && sed -i \"1i local all rdutf scram-sha-256\" /var/lib/postgresql/rdpg/pg_hba.conf && /usr/lib/postgresql/15/bin/pg_ctl -D /var/lib/postgresql/rdpg -l /tmp/rdpg.log -w -o \"-c listen_addresses= -k /run/postgresql\" start >/dev/null </dev/null'"
PG_STATE="cd /tmp && runuser -u postgres -- psql -X -At -h /run/postgresql -c \"SELECT datname, pg_get_userbyid(datdba), pg_encoding_to_char(encoding), datcollate, datctype, datconnlimit FROM pg_database ORDER BY 1\" -c \"SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolinherit, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, split_part(rolpassword, ':', 1), shobj_description(oid, 'pg_authid') FROM pg_authid ORDER BY 1\""

# openssh_keypair.yml's keys are random: per file its mode and owners, per key what ssh-keygen says of it but the
# fingerprint (size, comment, type), the .pub's type and comment, and whether the .pub holds the private key's public key;
# the preparation leaves keys made by ssh-keygen for the scenario to change (no '|' in these: it splits the specs).
KEYPAIR_PREP="mkdir -p /etc/rdkp && ssh-keygen -q -N '' -t ed25519 -C old -f /etc/rdkp/comment && ssh-keygen -q -N '' -t rsa -b 1024 -C small -f /etc/rdkp/small && chmod 0400 /etc/rdkp/small && chgrp daemon /etc/rdkp/small && ssh-keygen -q -N '' -t ed25519 -C nopub -f /etc/rdkp/nopub && rm /etc/rdkp/nopub.pub && ssh-keygen -q -N '' -t ecdsa -f /etc/rdkp/gone && echo broken >/etc/rdkp/broken"
KEYPAIR_STATE="stat -c '%n %a %U %G' /etc/rdkp/*; for k in /etc/rdkp/*.pub; do p=\${k%.pub}; echo \$p; ssh-keygen -l -f \$p >/tmp/rdkp.l 2>/dev/null; sed 's/SHA256:[^ ]*//' /tmp/rdkp.l; cut -d' ' -f1,3- \$k; ssh-keygen -P '' -y -f \$p >/tmp/rdkp.y 2>/dev/null; cut -d' ' -f2 /tmp/rdkp.y >/tmp/rdkp.y2; cut -d' ' -f2 \$k >/tmp/rdkp.p2; if cmp -s /tmp/rdkp.y2 /tmp/rdkp.p2; then echo matches; fi; done"

# PLAYBOOK|FOLDERS it manages (compared afterwards)|PHASES[|STATE COMMAND[|PREPARATION run on both fresh hosts]]
SPECS=()
for spec in "files.yml|/etc/rdiff /etc/rdiff-dir|fresh-check apply again converged-check" \
            "misc.yml|/etc/rdiff2/shell.out /etc/rdiff2/here.out|apply again" \
            "keywords.yml|/etc/rdkw|apply again" \
            "templates.yml|/etc/rdtpl|apply again converged-check" \
            "ini.yml|/etc/rdini|fresh-check apply again converged-check" \
            "cron.yml|/etc/cron.d/rdcron|fresh-check apply again converged-check|crontab -l -u root; crontab -l -u daemon" \
            "unarchive.yml|/opt/rdun|fresh-check apply again converged-check" \
            "wait_for.yml|/etc/rdwait|fresh-check apply again converged-check" \
            "get_url.yml|/opt/rdget*|fresh-check apply again converged-check" \
            "uri.yml|/etc/rduri-none|fresh-check apply again" \
            "authorized_key.yml|/etc/rdak /opt/rdak|fresh-check apply again converged-check" \
            "known_hosts.yml|/etc/rdkh /root/.ssh/known_hosts|fresh-check apply again converged-check" \
            "apt.yml|$APT_FILES|fresh-check apply again converged-check|$APT_STATE" \
            "apt-change.yml|$APT_FILES|fresh-check apply again converged-check|$APT_STATE|$APT_SOURCE && DEBIAN_FRONTEND=noninteractive apt-get -y -q install rdhello=2.0-1 rdtool=1.0-1 rdapp rdconf rdrec >/dev/null && printf '#!/bin/sh\\nexit 0\\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d" \
            "recurse.yml|/opt/rdrec|fresh-check apply again converged-check" \
            "selinux.yml|/etc/rdse|fresh-check apply again converged-check" \
            "package.yml|$APT_FILES|fresh-check apply again converged-check|$APT_STATE|$APT_SOURCE && DEBIAN_FRONTEND=noninteractive apt-get -y -q install rdconf >/dev/null" \
            "pause.yml|/etc/rdpause-none|fresh-check apply again" \
            "apt_repository.yml|/etc/apt/sources.list.d|fresh-check apply again converged-check|find /var/lib/apt/lists -name '*rigger-lab*'|$APT_REPOSITORY_PREP" \
            "dnf_exclude.yml|/etc/yum.repos.d|fresh-check apply again converged-check|rpm -q kubelet kubeadm" \
            "home.yml|/root/.rdhome /usr/sbin/rdhomedir|fresh-check apply again converged-check" \
            "rpm_key.yml|/etc/rdrpm|fresh-check apply again converged-check|rpm -q gpg-pubkey|curl -sfo /tmp/rdkey3.asc http://$WWW_ADDR:$WWW_PORT/rpm-key-three.asc && rpm --import /tmp/rdkey3.asc" \
            "apt_key.yml|/etc/rdak|fresh-check apply again converged-check|$APT_KEYS|curl -sfo /tmp/rdak1.asc http://$WWW_ADDR:$WWW_PORT/rpm-key-one.asc && mkdir -p /etc/apt/keyrings && apt-key --keyring /etc/apt/keyrings/rdprep.gpg add /tmp/rdak1.asc >/dev/null 2>&1" \
            "mount.yml|/etc/fstab /etc/rdmnt /opt/rdm /opt/rdsrc|fresh-check apply again converged-check|$MOUNTS" \
            "timezone.yml|/etc/timezone /etc/localtime /etc/default/rcS /etc/adjtime|fresh-check apply again converged-check|true|printf 'UTC=yes\\n' >/etc/default/rcS" \
            "locale_gen.yml|/etc/locale.gen|fresh-check apply again converged-check|locale -a" \
            "firewalld.yml|/etc/rdfw|fresh-check apply again converged-check" \
            "fetch.yml|/etc/rdfetch|fresh-check apply again converged-check" \
            "git.yml|$GIT_TREES|fresh-check apply again converged-check|$GIT_STATE" \
            "mysql.yml|/etc/rdmysql-none|fresh-check apply again converged-check|$MYSQL_STATE|$MYSQL_PREP" \
            "postgresql.yml|/etc/rdpg-none|fresh-check apply again converged-check|$PG_STATE|$PG_PREP" \
            "openssl_dhparam.yml|/etc/rddh-none|fresh-check apply again converged-check|stat -c '%n %a %U %G' /etc/rddh/*; for f in /etc/rddh/*.pem; do echo \$f; openssl dhparam -check -noout -text -in \$f >/tmp/rddh.txt 2>\&1; sed -n 1p /tmp/rddh.txt; done" \
            "openssh_keypair.yml|/etc/rdkp-none|fresh-check apply again converged-check|$KEYPAIR_STATE|$KEYPAIR_PREP" \
            "reboot.yml|/root/rdreboot-kept /tmp/rdreboot-tmp|fresh-check apply again" \
            "pam_limits.yml|/etc/security/limits.conf /etc/rdpam /etc/rdpam-none|fresh-check apply again converged-check" \
            "package_facts.yml|/etc/rdpf-none|fresh-check apply again converged-check|true|$PF_PREP" \
            "pip.yml|/opt/rdpip/venv/pyvenv.cfg|fresh-check apply again converged-check|/opt/rdpip/venv/bin/pip list --format=freeze; python3 -m pip list --format=freeze >/tmp/rdpl; grep rdpip /tmp/rdpl"; do
    IFS='|' read -r pb _ <<<"$spec"
    [ $# -eq 0 ] || [[ " $* " == *" $pb "* ]] || continue
    SPECS+=("$spec")
done
# scenario SPEC: one scenario on the pair $A (ansible-playbook) / $R (rigger), fresh hosts
scenario() {
    local pb dirs phases extra prep n h phase flag
    IFS='|' read -r pb dirs phases extra prep <<<"$1"
    n=${pb%.yml}
    "$ROOT/lab"/reset.sh "$A" "$R" >/dev/null || { echo "FAIL $n: cannot reset $A $R"; return; }
    [ "$pb" = fetch.yml ] && rm -rf /tmp/rdiff-fetch
    if [ -n "$prep" ]; then
        for h in "$A" "$R"; do on "$h" "$prep" || { echo "FAIL $n: cannot prepare $h"; return; }; done
    fi
    for phase in $phases; do
        flag=()
        case $phase in *check) flag=(--check) ;; esac
        ansible_run "$pb" "$OUT/$n-$phase-ansible" "${flag[@]}"
        rigger_run "$pb" "$OUT/$n-$phase-rigger" "${flag[@]}"
        nocheck_as_rigger "$OUT/$n-$phase-ansible.tasks" "$OUT/$n-$phase-rigger.tasks"
        [ "$phase" = fresh-check ] && unknown_as_ansible "$OUT/$n-$phase-ansible.tasks" "$OUT/$n-$phase-rigger.tasks"
        check "$n $phase: the same verdict and registered values per task" same "$n $phase" "$OUT/$n-$phase-ansible.tasks" "$OUT/$n-$phase-rigger.tasks"
        if [ "$phase" = apply ] || [ "$phase" = again ]; then
            state "$A" "$dirs" "$extra" >"$OUT/$n-$phase-ansible.state"
            state "$R" "$dirs" "$extra" >"$OUT/$n-$phase-rigger.state"
            check "$n $phase: the same files, modes, owners and contents" same "$n $phase" "$OUT/$n-$phase-ansible.state" "$OUT/$n-$phase-rigger.state"
            if [ "$pb" = fetch.yml ]; then
                fetched "$A" >"$OUT/$n-$phase-ansible.fetched"
                fetched "$R" >"$OUT/$n-$phase-rigger.fetched"
                check "$n $phase: the same trees on the controller" same "$n $phase" "$OUT/$n-$phase-ansible.fetched" "$OUT/$n-$phase-rigger.fetched"
                check "$n $phase: the controller's copies were written" test -s "$OUT/$n-$phase-rigger.fetched"
            fi
        fi
    done
    check "$n: no canary on $R" no_canary "$R"
}

# Seconds each scenario took on the CI machine (run one after another), for the first order;
# a run here records its own in $OUT/seconds, used instead from then on. A new scenario counts 30.
declare -A EST=([wait_for]=58 [openssh_keypair]=48 [recurse]=39 [apt]=36 [authorized_key]=34 [apt-change]=31 [package]=30
    [files]=28 [ini]=28 [mount]=28 [timezone]=28 [locale_gen]=28 [rpm_key]=27 [apt_key]=27 [get_url]=26
    [known_hosts]=26 [selinux]=26 [unarchive]=24 [pause]=19 [apt_repository]=19 [dnf_exclude]=19
    [cron]=17 [uri]=16 [home]=11 [misc]=10 [keywords]=10 [postgresql]=30 [package_facts]=75)
seconds_of() { # seconds_of NAME: the last run's figure, else the estimate
    local s
    s=$(awk -v n="$1" '$1 == n {s = $2} END {print s}' "$OUT/seconds" 2>/dev/null)
    echo "${s:-${EST[$1]:-30}}"
}
# The queue: one scenario index a line, longest first; each pair takes the next under a lock.
QUEUE="$OUT/queue"
for i in "${!SPECS[@]}"; do
    IFS='|' read -r pb _ <<<"${SPECS[$i]}"
    echo "$(seconds_of "${pb%.yml}") $i"
done | sort -k1,1nr -k2,2n | awk '{print $2}' >"$QUEUE"
rm -f "$OUT"/*.scenario "$OUT"/*.done
take() { # take: the next scenario's index, or nothing when the queue is empty
    flock "$QUEUE.lock" sh -c 'head -1 "$1"; sed -i 1d "$1"' _ "$QUEUE"
}
worker() { # worker A R: runs scenarios on that pair until the queue is empty
    local i n t0
    A=$1 R=$2
    INV="$OUT/inventory-$A-$R.ini"
    lab_inventory "$INV" "$A" "$R"
    while i=$(take) && [ -n "$i" ]; do
        IFS='|' read -r n _ <<<"${SPECS[$i]}"
        n=${n%.yml}
        t0=$SECONDS
        { echo "-- $n on $A/$R"; scenario "${SPECS[$i]}"; } >"$OUT/$n.scenario" 2>&1
        echo "$n $((SECONDS - t0))" >>"$OUT/seconds.new"
        touch "$OUT/$n.done"
    done
    "$ROOT/lab"/reset.sh "$A" "$R" >/dev/null
}
rm -f "$OUT/seconds.new"
WORKERS=()
for ((p = 0; p < ${#PAIRS[@]}; p += 2)); do
    worker "${PAIRS[p]}" "${PAIRS[p + 1]}" &
    WORKERS+=($!)
done
working() { local w; for w in "${WORKERS[@]}"; do kill -0 "$w" 2>/dev/null && return 0; done; return 1; }
pass=0
fail=0
for spec in "${SPECS[@]}"; do   # print in the list's order, each as soon as it is done
    IFS='|' read -r n _ <<<"$spec"
    n=${n%.yml}
    until [ -f "$OUT/$n.done" ] || ! working; do sleep 1; done
    [ -f "$OUT/$n.done" ] || { echo "FAIL $n: no pair ran it"; fail=$((fail + 1)); continue; }
    cat "$OUT/$n.scenario"
    pass=$((pass + $(grep -c '^ok ' "$OUT/$n.scenario")))
    fail=$((fail + $(grep -c '^FAIL ' "$OUT/$n.scenario")))
done
wait "${WORKERS[@]}"
cat "$OUT/seconds" "$OUT/seconds.new" 2>/dev/null | awk '{s[$1] = $2} END {for (n in s) print n, s[n]}' >"$OUT/seconds.tmp" && mv "$OUT/seconds.tmp" "$OUT/seconds"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
