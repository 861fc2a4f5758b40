#!/usr/bin/env python3
"""What gather_facts costs a no-change run (issue 16: less than 5% more than with it off).

The same six-task playbook (file, copy, lineinfile, file, copy, command with changed_when: false)
twice: 'off' (gather_facts: false; the task's `when` and a later task's templated content read
play variables) and 'on' (the same `when` reads ansible_os_family and the same content reads
ansible_distribution, so gathering is filtered to those two). Both variants evaluate the same
expressions and render the same template, so the difference is what gathering costs. Each jar given runs both variants, alternated run by run
(the machine is shared: many alternations, medians). Per variant it reports the medians of the
whole command's wall time, its CPU time (user + system of every process, bench/lib/measure.py),
the run's own time (RECAP, durationMs) and the round trips per host (--report-json).

Usage: bench/facts-cost.py [--hosts node43,node44,node45] [--runs 15] [--jar NAME=PATH]...
Without --jar: the repository's ./rigger. Needs the lab up (lab/README.md).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
LAB = os.environ.get("RIGGER_LAB_STATE", "/srv/rigger-lab")

PLAY = """- hosts: all
  gather_facts: {gather}
  vars:
    family: Debian
    distro: Debian
  tasks:
    - file: {{path: /tmp/facts-cost, state: directory, mode: "0755"}}
    - copy: {{dest: /tmp/facts-cost/a.conf, content: "a = 1\\n", mode: "0644"}}
      when: {family} == 'Debian'
    - lineinfile: {{path: /tmp/facts-cost/c.conf, line: "b = 2", create: true}}
    - file: {{path: /tmp/facts-cost/sub, state: directory, mode: "0700"}}
    - copy: {{dest: /tmp/facts-cost/sub/b.conf, content: "os = {os}\\n", mode: "0600"}}
    - command: cat /tmp/facts-cost/a.conf
      changed_when: false
"""
VARIANTS = {
    "off": PLAY.format(gather="false", family="family", os="{{ distro }}"),
    "on": PLAY.format(gather="true", family="ansible_os_family", os="{{ ansible_distribution }}"),
}


def inventory(path, hosts):
    addr = dict(line.split() for line in open(f"{LAB}/hosts.txt") if line.strip())
    with open(path, "w") as f:
        for h in hosts:
            f.write(f"{h} ansible_host={addr[h]} ansible_user=root ansible_ssh_private_key_file={LAB}/ssh/id_ed25519\n")


def run(cmd, work, name):
    out, log, report = (os.path.join(work, f"{name}.{x}") for x in ("json", "log", "report.json"))
    subprocess.run([sys.executable, f"{BENCH}/lib/measure.py", out, log, "--", *cmd, "--report-json", report], check=True)
    m = json.load(open(out))
    if m["rc"] != 0:
        sys.exit(f"{name}: exit {m['rc']}, see {log}")
    r = json.load(open(report))
    changed = sum(h["changed"] for h in r["hosts"].values())
    if changed:
        sys.exit(f"{name}: {changed} changes in a no-change run, see {log}")
    trips = statistics.mean(len(t) for t in r.get("roundTrips", {}).values()) if r.get("roundTrips") else 0
    return {"wall": m["wall"], "cpu": m["user"] + m["sys"], "recap": r["durationMs"] / 1000, "trips": trips}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--hosts", default="node43,node44,node45")
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--jar", action="append", default=[], metavar="NAME=PATH")
    a = p.parse_args()
    hosts = a.hosts.split(",")
    jars = {j.split("=", 1)[0]: j.split("=", 1)[1] for j in a.jar} or {"rigger": None}
    work = tempfile.mkdtemp(prefix="facts-cost.")
    inv = os.path.join(work, "inventory.ini")
    inventory(inv, hosts)
    books = {}
    for v, text in VARIANTS.items():
        books[v] = os.path.join(work, f"{v}.yml")
        open(books[v], "w").write(text)

    def command(jar, variant):
        base = [f"{ROOT}/rigger"] if jar is None else ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar]
        return [*base, "play", "-i", inv, "--known-hosts", f"{LAB}/ssh/known_hosts", books[variant]]

    # converge the hosts, and warm the page cache for each jar
    subprocess.run(command(next(iter(jars.values())), "on"), check=True, stdout=subprocess.DEVNULL)
    load0 = os.getloadavg()
    got = {(j, v): [] for j in jars for v in VARIANTS}
    for i in range(a.runs):
        order = [(j, v) for j in jars for v in VARIANTS]
        if i % 2:
            order.reverse()
        for j, v in order:
            got[(j, v)].append(run(command(jars[j], v), work, f"{j}-{v}-{i}"))
    load1 = os.getloadavg()
    print(f"hosts {','.join(hosts)}, {a.runs} runs each, alternated; load average {load0[0]:.1f} at start, {load1[0]:.1f} at end")
    print("| jar | variant | wall (median) | CPU (median) | run, RECAP (median) | round trips per host |")
    print("|---|---|---|---|---|---|")
    for j in jars:
        for v in VARIANTS:
            rs = got[(j, v)]
            med = {k: statistics.median(r[k] for r in rs) for k in ("wall", "cpu", "recap", "trips")}
            line = f"| {j} | {v} | {med['wall']:.3f} s | {med['cpu']:.3f} s | {med['recap']:.3f} s | {med['trips']:g} |"
            if v == "on":
                off = {k: statistics.median(r[k] for r in got[(j, 'off')]) for k in ("wall", "cpu", "recap")}
                line += f" on vs off: wall {100 * (med['wall'] / off['wall'] - 1):+.1f}%, CPU {100 * (med['cpu'] / off['cpu'] - 1):+.1f}%," \
                        f" RECAP {100 * (med['recap'] / off['recap'] - 1):+.1f}%"
            print(line)


if __name__ == "__main__":
    main()
