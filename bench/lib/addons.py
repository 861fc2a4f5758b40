#!/usr/bin/env python3
"""The seed's add-ons, Rigger against ansible-playbook (kubernetes.core.k8s), on a converged seed
cluster of lab hosts: no-change apply and check, wall seconds, medians, ratio Ansible/Rigger.
Run by bench/seed-addons.sh (which says how); see docs/performance.md ("The seed's add-ons")."""
import argparse, os, re, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = os.path.join(ROOT, "bench", "workload")
STATE = os.environ.get("RIGGER_LAB_STATE", "/srv/rigger-lab")


def inventory(hosts, path):
    addr = dict(line.split() for line in open(os.path.join(STATE, "hosts.txt")) if line.strip())
    key = os.path.join(STATE, "ssh", "id_ed25519")
    line = lambda h: f"{h} ansible_host={addr[h]} ansible_user=root ansible_ssh_private_key_file={key}\n"
    with open(path, "w") as f:
        f.write("[master]\n" + line(hosts[0]) + "\n[workers]\n" + "".join(line(h) for h in hosts[1:]))
        f.write(f"\n[all:vars]\nansible_ssh_common_args='-o UserKnownHostsFile={STATE}/ssh/known_hosts"
                " -o StrictHostKeyChecking=yes'\n")


def run(argv, env, log):
    t0 = time.monotonic()
    p = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.monotonic() - t0
    log.write(f"$ {' '.join(argv)}\n{p.stdout}\n[exit {p.returncode}, {wall:.2f} s]\n\n")
    log.flush()
    return p, wall


def changed(tool, out):
    pat = r"^\S+\s+:\s+ok=\d+\s+changed=(\d+)"
    m = re.findall(pat, out, re.M)
    if not m:
        return None
    return sum(int(x) for x in m)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--hosts", default="node40 node41 node42", help="master first")
    ap.add_argument("--out", default=os.environ.get("BENCH_OUT", os.path.join(ROOT, "bench", "out")))
    a = ap.parse_args()
    hosts = a.hosts.split()
    os.makedirs(a.out, exist_ok=True)
    inv = os.path.join(a.out, "addons-inventory.ini")
    inventory(hosts, inv)
    rigger = os.environ.get("BENCH_RIGGER", os.path.join(ROOT, "rigger"))
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(ROOT, "bench", "ansible.cfg"))
    cmd = {
        "ansible": lambda check: ["ansible-playbook", "-i", inv] + (["--check"] if check else [])
        + [os.path.join(WORK, "addons-ansible.yml")],
        "rigger": lambda check: [rigger, "play", "-i", inv] + (["--check"] if check else [])
        + [os.path.join(WORK, "addons-rigger.yml")],
    }
    log = open(os.path.join(a.out, "addons.log"), "w")
    # Each tool writes its own last-applied-configuration: both apply until neither changes anything
    # (Ansible's first run after kubectl's rewrites the annotations), untimed.
    for _ in range(3):
        counts = {}
        for tool in ("ansible", "rigger"):
            p, _w = run(cmd[tool](False), env, log)
            if p.returncode != 0:
                sys.exit(f"{tool}: warm-up run failed (see {log.name})")
            counts[tool] = changed(tool, p.stdout)
        if counts == {"ansible": 0, "rigger": 0}:
            break
    else:
        sys.exit(f"the tools do not settle at changed=0: {counts} (see {log.name})")
    walls = {(t, s): [] for t in cmd for s in ("no-change apply", "check, converged")}
    for i in range(a.runs):
        order = ("ansible", "rigger") if i % 2 == 0 else ("rigger", "ansible")
        for scenario, check in (("no-change apply", False), ("check, converged", True)):
            for tool in order:
                p, w = run(cmd[tool](check), env, log)
                c = changed(tool, p.stdout)
                if p.returncode != 0 or c != 0:
                    sys.exit(f"{tool} {scenario}: exit {p.returncode}, changed={c} (see {log.name})")
                walls[(tool, scenario)].append(w)
                print(f"run {i + 1} {scenario:17} {tool:7} {w:6.2f} s", flush=True)
    print("\n| scenario | runs | Ansible wall s | Rigger wall s | ratio |\n|---|---:|---:|---:|---:|")
    for s in ("no-change apply", "check, converged"):
        an, ri = statistics.median(walls[("ansible", s)]), statistics.median(walls[("rigger", s)])
        print(f"| {s} | {a.runs} | {an:.2f} | {ri:.2f} | {an / ri:.1f} |")
    print(f"\n(every run: changed=0 for both; log {log.name})")


if __name__ == "__main__":
    main()
