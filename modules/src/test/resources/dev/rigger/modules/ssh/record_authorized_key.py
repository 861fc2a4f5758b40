# Records what ansible.posix.authorized_key's enforce_state (check mode, diff on) decides for each case of
# authorized_key-ansible.json, in place: python3 record_authorized_key.py F > F.new && mv F.new F
import json, os, sys, tempfile
sys.path.insert(0, '/usr/lib/python3/dist-packages/ansible_collections/ansible/posix/plugins/modules')
import authorized_key as ak


class Module:
    check_mode = True
    _diff = True

    def fail_json(self, **kw):
        raise RuntimeError(kw['msg'])


def run(existing, params):
    f = os.path.join(tempfile.mkdtemp(), 'authorized_keys')
    if existing is not None:
        with open(f, 'w', newline='') as out:
            out.write(existing)
    p = dict(user='root', path=f, manage_dir=True, state='present', key_options=None, exclusive=False, comment=None, follow=False)
    p.update(params)
    try:
        r = ak.enforce_state(Module(), p)
    except Exception as e:
        return {'error': '%s: %s' % (type(e).__name__, e)}
    return {'changed': r.get('changed', False), 'after': r['diff']['after'] if 'diff' in r else None}


cases = json.load(open(sys.argv[1]))
for c in cases:
    c.update(run(c['existing'], c['params']))
print(json.dumps(cases, indent=1))
