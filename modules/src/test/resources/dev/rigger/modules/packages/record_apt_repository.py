# Records, for each case of apt_repository-ansible.json, what ansible.builtin.apt_repository
# (ansible-core 2.14)'s own SourcesList code decides and writes: its add_source/remove_source and
# dump run on scratch copies of the case's files (sources.list and sources.list.d/*.list, under a
# temporary root instead of /etc/apt), then save() as the module calls it. In place:
# /usr/bin/python3 record_apt_repository.py F > F.new && mv F.new F
import json, os, sys, tempfile
from ansible.modules import apt_repository as ar

ETC = '/etc/apt'


class Module:
    def __init__(self, params):
        self.params = params
        self.check_mode = False

    def get_bin_path(self, name, required=False):
        return '/usr/bin/' + name

    def fail_json(self, *a, **kw):
        raise RuntimeError(kw.get('msg', a[0] if a else ''))

    def log(self, msg):
        pass

    def atomic_move(self, src, dest):
        os.rename(src, dest)

    def set_mode_if_different(self, path, mode, changed):
        if mode is not None:
            os.chmod(path, mode if isinstance(mode, int) else int(mode, 8))


def run(case):
    root = tempfile.mkdtemp()
    parts = root + ETC + '/sources.list.d'
    os.makedirs(parts)
    for path, text in case['files'].items():
        with open(root + path, 'w', newline='') as out:
            out.write(text)
    ar.SourcesList._apt_cfg_file = staticmethod(lambda spec: root + ETC + '/sources.list')
    ar.SourcesList._apt_cfg_dir = staticmethod(lambda spec: parts)
    params = dict(filename=None, mode=None, codename='bookworm')
    params.update(case['params'])
    if (params['filename'] or '').startswith('/'):
        params['filename'] = root + params['filename']   # a path stays under the scratch root
    sl = ar.SourcesList(Module(params))
    sl.files = dict(sorted(sl.files.items()))   # Rigger reads the files in the shell's glob order
    before = sl.dump()
    try:
        if params.get('state', 'present') == 'present':
            sl.add_source(params['repo'])
        else:
            sl.remove_source(params['repo'])
    except ar.InvalidSource as e:
        return {'error': 'Invalid repository string: %s' % e}
    except Exception as e:
        return {'error': type(e).__name__ + ': ' + str(e)}
    after = sl.dump()
    if before == after:
        return {'changed': False}
    sl.save()
    written = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p) as f:
                written[p[len(root):]] = {'content': f.read()}
            if 'mode' in case['params']:   # else the scratch file's mode says nothing (atomic_move's is 0644 for a new file)
                written[p[len(root):]]['mode'] = oct(os.stat(p).st_mode & 0o7777)
    return {'changed': True, 'written': dict(sorted(written.items()))}


cases = json.load(open(sys.argv[1]))
for c in cases:
    for k in ('error', 'changed', 'written'):
        c.pop(k, None)
    c.update(run(c))
json.dump(cases, sys.stdout, indent=1)
print()
