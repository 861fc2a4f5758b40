#!/usr/bin/python3
"""Usage: /usr/bin/python3 test-data/load-survey.py RIGGER [--roles] (e.g. ./rigger, or an older build's rigger script).

Loads every tasks file of the vendored roles through a rigger CLI (`rigger graph`, compile only)
as a migrating user would (role defaults and vars as vars_files, the tasks file imported), and
counts the tasks that load without a diagnostic, and the tasks whose module and parameters Rigger
knows (no "unknown module", "unknown argument" or "argument ... of module" diagnostic: issue 17's
measure; other diagnostics, such as a handler the file alone cannot see, do not count there).

With --roles, loads each role as a role instead (`roles: [name]`, ANSIBLE_ROLES_PATH set to
test-data/ansible-roles) and counts the roles that load without a diagnostic."""
import os, re, subprocess, sys, tempfile, yaml, glob, collections

rigger = sys.argv[1]
roles_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ansible-roles')
roles = sorted(glob.glob(os.path.join(roles_dir, '*/')))
if '--roles' in sys.argv[2:]:
    ok = 0
    reasons = collections.Counter()
    for role in roles:
        d = tempfile.mkdtemp()
        name = os.path.basename(role.rstrip('/'))
        with open(f'{d}/pb.yml', 'w') as f:
            f.write(f'- hosts: all\n  roles: [{name}]\n')
        with open(f'{d}/inv.ini', 'w') as f:
            f.write('h1 ansible_connection=local\n')
        env = dict(os.environ, ANSIBLE_ROLES_PATH=roles_dir)
        r = subprocess.run([rigger, 'graph', '-i', f'{d}/inv.ini', f'{d}/pb.yml'], capture_output=True, text=True, env=env)
        errors = [m.group(1) for m in (re.match(r'(?:.+?:\d+:\d+: error|rigger): (.*)', l) for l in (r.stdout + r.stderr).splitlines()) if m]
        ok += not errors
        print(f'  {name}: {"loads" if not errors else str(len(errors)) + " errors"}')
        for e in errors:
            reasons[re.sub(r"'[^']*'", "'X'", e)[:70]] += 1
    print(f'{rigger}: {ok}/{len(roles)} roles load as roles')
    for k, v in reasons.most_common(12):
        print(f'  {v:4d} {k}')
    sys.exit(0)
total = ok = 0
reasons = collections.Counter()
modbad_total = 0
modreasons = collections.Counter()
MODULE_OR_PARAMS = re.compile(r"unknown module|unknown argument|argument '[^']*' of module")
for role in roles:
    for tf in sorted(glob.glob(role + 'tasks/*.yml')):
        with open(tf) as f:
            node = yaml.compose(f)
        if node is None or not hasattr(node, 'value') or not isinstance(node.value, list):
            continue
        starts = [item.start_mark.line + 1 for item in node.value]
        ends = starts[1:] + [10**9]
        d = tempfile.mkdtemp()
        vf = [p for p in (role + 'defaults/main.yml', role + 'vars/main.yml') if os.path.exists(p)]
        with open(f'{d}/pb.yml', 'w') as f:
            f.write('- hosts: all\n')
            if vf:
                f.write('  vars_files: [' + ', '.join(vf) + ']\n')
            f.write(f'  tasks:\n    - import_tasks: {tf}\n')
        with open(f'{d}/inv.ini', 'w') as f:
            f.write('h1 ansible_connection=local\n')
        r = subprocess.run([rigger, 'graph', '-i', f'{d}/inv.ini', f'{d}/pb.yml'], capture_output=True, text=True)
        bad = set()
        modbad = set()
        if r.returncode != 0 and 'internal error' in r.stderr:
            # a crash is no task loaded, never a clean file
            bad.update(range(len(starts)))
            reasons['internal error'] += 1
        for line in (r.stdout + r.stderr).splitlines():
            m = re.match(r'(.+?):(\d+):\d+: error: (.*)', line)
            if not m:
                continue
            if os.path.abspath(m.group(1)) == os.path.abspath(tf):
                ln = int(m.group(2))
                for i, (s, e) in enumerate(zip(starts, ends)):
                    if s <= ln < e:
                        bad.add(i)
                        reasons[re.sub(r"'[^']*'", "'X'", m.group(3))[:70]] += 1
                        if MODULE_OR_PARAMS.search(m.group(3)):
                            modbad.add(i)
                            modreasons[re.sub(r" \(known: .*", "", m.group(3))[:90]] += 1
            else:
                reasons['(other file) ' + re.sub(r"'[^']*'", "'X'", m.group(3))[:60]] += 1
        total += len(starts)
        ok += len(starts) - len(bad)
        modbad_total += len(modbad)
print(f'{rigger}: {ok}/{total} tasks load ({100*ok/total:.0f}%)')
for k, v in reasons.most_common(12):
    print(f'  {v:4d} {k}')
known = total - modbad_total
print(f'{rigger}: module and parameters known in {known}/{total} tasks ({100*known/total:.1f}%); not known:')
for k, v in modreasons.most_common():
    print(f'  {v:4d} {k}')
