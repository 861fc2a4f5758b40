# Records, for each case of known_hosts-ansible.json, what ansible.builtin.known_hosts (ansible-core
# 2.14) decides and writes, run for real on a scratch file with this machine's ssh-keygen, and what
# ssh-keygen -F NAME -f FILE answered (the probe Rigger asks): in place,
# /usr/bin/python3 record_known_hosts.py F > F.new && mv F.new F
import json, os, subprocess, sys, tempfile
from ansible.modules import known_hosts as kh


class Done(Exception):
    pass


class Module:
    def __init__(self, check):
        self.check_mode = check

    def get_bin_path(self, name, required):
        return '/usr/bin/' + name

    def run_command(self, argv, check_rc=False):
        p = subprocess.run(argv, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def fail_json(self, **kw):
        raise RuntimeError(kw['msg'])

    def exit_json(self, **kw):
        raise Done(kw)

    def atomic_move(self, src, dest):
        os.rename(src, dest)


def run(case, check):
    d = tempfile.mkdtemp()
    f = os.path.join(d, 'known_hosts')
    if case['existing'] is not None:
        with open(f, 'w', newline='') as out:
            out.write(case['existing'])
    p = dict(key=None, path=f, hash_host=False, state='present')
    p.update(case['params'])
    keygen = subprocess.run(['ssh-keygen', '-F', p['name'].lower(), '-f', f], capture_output=True, text=True)
    try:
        r = kh.enforce_state(Module(check), p)
    except Done as e:
        r = e.args[0]
    except Exception as e:
        return {'error': str(e)}
    out = {'changed': bool(r.get('changed', False)), 'keygen': {'rc': keygen.returncode, 'out': keygen.stdout, 'err': keygen.stderr}}
    if not check:
        out['after'] = open(f, newline='').read() if os.path.exists(f) else None
    return out


cases = json.load(open(sys.argv[1]))
for c in cases:
    for k in ('changed', 'keygen', 'after', 'error', 'check_changed'):
        c.pop(k, None)
    c['check_changed'] = run(c, True).get('changed')
    c.update(run(c, False))
print(json.dumps(cases, indent=1))
