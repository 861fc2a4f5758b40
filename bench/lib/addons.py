#!/usr/bin/env python3
"""The seed's add-ons, Rigger against ansible-playbook (kubernetes.core.k8s), on a converged seed
cluster of lab hosts: no-change apply and check, wall seconds, medians, ratio Ansible/Rigger.
Run by bench/seed-addons.sh (which says how); see docs/performance.md ("The seed's add-ons")."""
import argparse, json, os, re, statistics, subprocess, sys, tempfile

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


class Result:
    def __init__(self, returncode, stdout, wall, cpu):
        self.returncode, self.stdout, self.wall, self.cpu = returncode, stdout, wall, cpu


def run(argv, env, log):
    """One run through measure.py (bench.py's: wall, CPU of every local process it started), with
    new connections, as bench.py's default: Ansible's ssh masters in a ControlPath folder of the
    run's own, ended with it; Rigger without --ssh-persist."""
    with tempfile.TemporaryDirectory(prefix="rb-addons-") as d:
        env = dict(env, ANSIBLE_SSH_CONTROL_PATH_DIR=d)
        out, meas = os.path.join(d, "out.log"), os.path.join(d, "m.json")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "lib", "measure.py"), meas, out, "--", *argv],
                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = open(out, errors="replace").read()
        m = json.load(open(meas))
    r = Result(m["rc"], text, m["wall"], m["user"] + m["sys"])
    log.write(f"$ {' '.join(argv)}\n{text}\n[exit {r.returncode}, {r.wall:.2f} s, local CPU {r.cpu:.2f} s]\n\n")
    log.flush()
    return r


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
            p = run(cmd[tool](False), env, log)
            if p.returncode != 0:
                sys.exit(f"{tool}: warm-up run failed (see {log.name})")
            counts[tool] = changed(tool, p.stdout)
        if counts == {"ansible": 0, "rigger": 0}:
            break
    else:
        sys.exit(f"the tools do not settle at changed=0: {counts} (see {log.name})")
    walls = {(t, s): [] for t in cmd for s in ("no-change apply", "check, converged")}
    cpus = {k: [] for k in walls}
    for i in range(a.runs):
        order = ("ansible", "rigger") if i % 2 == 0 else ("rigger", "ansible")
        for scenario, check in (("no-change apply", False), ("check, converged", True)):
            for tool in order:
                p = run(cmd[tool](check), env, log)
                c = changed(tool, p.stdout)
                if p.returncode != 0 or c != 0:
                    sys.exit(f"{tool} {scenario}: exit {p.returncode}, changed={c} (see {log.name})")
                walls[(tool, scenario)].append(p.wall)
                cpus[(tool, scenario)].append(p.cpu)
                print(f"run {i + 1} {scenario:17} {tool:7} {p.wall:6.2f} s  (local CPU {p.cpu:5.2f} s)", flush=True)
    print("\n| scenario | runs | Ansible wall s | Rigger wall s | wall ratio | Ansible local CPU s | Rigger local CPU s |"
          "\n|---|---:|---:|---:|---:|---:|---:|")
    med = lambda d, t, s: statistics.median(d[(t, s)])
    for s in ("no-change apply", "check, converged"):
        an, ri = med(walls, "ansible", s), med(walls, "rigger", s)
        print(f"| {s} | {a.runs} | {an:.2f} | {ri:.2f} | {an / ri:.1f} | {med(cpus, 'ansible', s):.2f} | {med(cpus, 'rigger', s):.2f} |")
    print(f"\n(every run: changed=0 for both; log {log.name})")


if __name__ == "__main__":
    main()
