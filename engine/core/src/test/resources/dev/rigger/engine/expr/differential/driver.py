#!/usr/bin/python3
"""Evaluates the differential corpus through Ansible's own templating (ansible-core 2.14).

    /usr/bin/python3 driver.py > corpus.jsonl

One JSON line per case: {id, origin, role, file, line, where, kind, source, vars, result, type} or,
when Ansible fails, {..., error: {class, message}} in place of result/type. See README.md.

The variables of a case are the resolved values of the names it reads, taken from: the facts
fixture (facts-debian12.json, injected as ansible_* and as ansible_facts), magic variables, the role's
defaults and vars, what a walk of the role's tasks from tasks/main.yml adds on a Debian 12 host
(include_vars, set_fact, register: a registered result is made up from the module, see fixtures.yml
for the ones a role reads in detail), the task's own vars and the first loop item. Each case is then
evaluated with exactly its JSON variables (a JSON round trip), so what Rigger is given is what Ansible
was given.
"""
import json
import os
import sys

if __name__ == "__main__" and os.environ.get("PYTHONHASHSEED") != "0":  # set and dict-key order in results must not vary per run
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import copy  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

warnings.filterwarnings("ignore")
os.environ.setdefault("ANSIBLE_NOCOLOR", "1")
os.environ.setdefault("ANSIBLE_DEPRECATION_WARNINGS", "0")
os.environ.setdefault("ANSIBLE_SYSTEM_WARNINGS", "0")
os.environ.setdefault("ANSIBLE_LOCALHOST_WARNING", "0")

import yaml  # noqa: E402
from jinja2 import meta  # noqa: E402
from ansible.parsing.dataloader import DataLoader  # noqa: E402
from ansible.template import Templar, AnsibleEnvironment  # noqa: E402
from ansible.playbook.conditional import Conditional  # noqa: E402
from ansible.utils.display import Display  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import extract  # noqa: E402

Display().verbosity = -1
LOADER = DataLoader()
OMIT = "__omit_place_holder__0123456789abcdef0123456789abcdef01234567"
ROLE_BASE = "/etc/ansible/roles"
MODULE_PREFIXES = ("ansible.builtin.", "ansible.legacy.", "community.general.", "ansible.posix.")


# ---------------------------------------------------------------- evaluation through Ansible

def templar(variables):
    return Templar(loader=LOADER, variables=variables)


def condition(source, variables):
    """A bare condition exactly as a task's when: (Conditional._check_conditional of 2.14)."""
    cond = Conditional(loader=LOADER)
    cond.when = [source]
    t = templar(variables)
    return cond._check_conditional(source, t, variables)


def render_template(text, variables, role):
    """A template file as the template action renders it (trim_blocks on, lstrip_blocks off, '\\n')."""
    base = HERE.parent  # searchpath only matters for include/import; none of the corpus uses them
    t = templar(variables).copy_with_new_env(
        environment_class=AnsibleEnvironment, searchpath=[str(base)], newline_sequence="\n",
        trim_blocks=True, lstrip_blocks=False, available_variables=variables)
    return t.do_template(text, preserve_trailing_newlines=True, escape_backslashes=False)


def evaluate(kind, source, variables, role=None):
    if kind == "condition":
        return condition(source, variables)
    if kind == "template":
        return render_template(source, variables, role)
    return templar(variables).template(source)


def type_name(v):
    for t, name in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str"), (dict, "dict"),
                    (list, "list"), (tuple, "tuple"), (set, "set"), (type(None), "NoneType")):
        if isinstance(v, t):
            return name
    return type(v).__name__


def plain(v):
    """Ansible's str/dict/list subclasses as plain JSON values; raises TypeError for anything else."""
    return json.loads(json.dumps(v, default=_no_json, allow_nan=False))


def _no_json(v):
    if isinstance(v, (set, tuple, frozenset)):
        return list(v)
    raise TypeError("not JSON: " + type(v).__name__)


def outcome(kind, source, variables, role=None):
    try:
        value = evaluate(kind, source, copy.deepcopy(variables), role)
    except Exception as e:  # noqa: BLE001 - every Ansible failure is a recorded outcome
        return {"error": {"class": type(e).__name__, "message": " ".join(str(e).split())[:400]}}
    try:
        return {"result": plain(value), "type": type_name(value)}
    except (TypeError, ValueError) as e:
        return {"error": {"class": "NotJson", "message": "%s: %s" % (type_name(value), e)}}


# ---------------------------------------------------------------- the host and its magic variables

def base_vars(role):
    facts = json.loads((HERE / "facts-debian12.json").read_text())
    v = dict(facts)
    v["ansible_facts"] = {k[len("ansible_"):]: val for k, val in facts.items()}
    v.update({
        "inventory_hostname": "web1", "inventory_hostname_short": "web1",
        "inventory_dir": "/etc/ansible/inventory", "inventory_file": "/etc/ansible/inventory/hosts",
        "groups": {"all": ["web1"], "ungrouped": [], "webservers": ["web1"]},
        "group_names": ["webservers"], "ansible_play_hosts": ["web1"], "ansible_play_batch": ["web1"],
        "ansible_play_hosts_all": ["web1"], "play_hosts": ["web1"], "ansible_play_name": "site",
        "ansible_check_mode": False, "ansible_diff_mode": False, "ansible_verbosity": 0,
        "ansible_forks": 5, "ansible_run_tags": ["all"], "ansible_skip_tags": [],
        "playbook_dir": "/etc/ansible/playbooks", "ansible_config_file": "/etc/ansible/ansible.cfg",
        "role_name": role, "role_path": ROLE_BASE + "/" + role, "ansible_role_name": role,
        "ansible_parent_role_names": [], "ansible_collection_name": None,
        "ansible_version": {"full": "2.14.18", "major": 2, "minor": 14, "revision": 18, "string": "2.14.18"},
        "ansible_host": "192.0.2.10", "ansible_port": 22, "ansible_user": "root",
        "ansible_connection": "ssh", "ansible_python_interpreter": "/usr/bin/python3",
        "omit": OMIT,
    })
    return v


# ---------------------------------------------------------------- a walk of the role's tasks

def module_of(task):
    for k in task:
        name = k
        for p in MODULE_PREFIXES:
            if name.startswith(p):
                name = name[len(p):]
        if name in MODULES_KNOWN:
            return name, task[k]
    return None, None


MODULES_KNOWN = {
    "command", "shell", "raw", "script", "stat", "find", "set_fact", "include_vars", "include_tasks",
    "import_tasks", "apt", "yum", "dnf", "package", "service", "systemd", "systemd_service", "template",
    "copy", "file", "lineinfile", "replace", "apt_repository", "apt_key", "rpm_key", "get_url",
    "getent", "slurp", "uri", "mysql_query", "mysql_user", "mysql_db", "mysql_info", "postgresql_user",
    "debug", "assert", "fail", "pip", "user", "group", "sysctl", "mount", "cron", "pacman", "zypper",
    "locale_gen", "unarchive", "git", "blockinfile", "pam_limits", "modprobe", "kernel_settings",
    "package_facts", "service_facts", "setup", "meta", "wait_for", "seboolean", "selinux", "ufw",
}


def registered(module, task, item_values, overrides, name):
    if name in overrides:
        return copy.deepcopy(overrides[name])
    one = {"changed": False, "failed": False}
    args = task.get(next((k for k in task if k.endswith(module or "\0")), ""), {})
    if module in ("command", "shell", "raw", "script"):
        one.update({"rc": 0, "stdout": "", "stdout_lines": [], "stderr": "", "stderr_lines": []})
    elif module == "stat":
        path = args.get("path", "/") if isinstance(args, dict) else "/"
        one["stat"] = {"exists": True, "path": path, "isdir": False, "isreg": True, "islnk": False,
                       "mode": "0644", "uid": 0, "gid": 0, "pw_name": "root", "gr_name": "root",
                       "size": 0, "writeable": True, "readable": True, "executable": False}
    elif module == "find":
        one.update({"files": [], "matched": 0, "examined": 0, "msg": "", "skipped_paths": {}})
    elif module == "slurp":
        one.update({"content": "", "encoding": "base64", "source": ""})
    if item_values is None:
        return one
    results = []
    for it in item_values[:2]:
        r = dict(copy.deepcopy(one), item=it, ansible_loop_var="item")
        results.append(r)
    return {"changed": False, "msg": "All items completed", "results": results, "skipped": False}


def loop_items(task, variables):
    """The values a task loops over (None when it does not loop); only as much as the corpus needs."""
    for key in extract.LOOP_KEYS:
        if key not in task:
            continue
        src = task[key]
        try:
            if key == "with_first_found":
                files = src
                if isinstance(src, list) and src and isinstance(src[0], dict):
                    files = src[0].get("files", [])
                elif isinstance(src, dict):
                    files = src.get("files", [])
                return [templar(variables).template(f) for f in files]
            value = templar(variables).template(src)
            if key == "with_dict":
                return [{"key": k, "value": v} for k, v in value.items()]
            if key == "with_subelements":
                outer, sub = value[0], value[1]
                return [[o, s] for o in outer for s in (o.get(sub) or [])]
            if key == "with_fileglob":
                return ["/etc/ansible/files/example.conf"]
            if isinstance(value, str):
                return [value]
            if key == "with_items":
                flat = []
                for v in value:
                    flat.extend(v if isinstance(v, list) else [v])
                return flat
            return list(value)
        except Exception:  # noqa: BLE001 - a loop we cannot resolve gives no item
            return []
    return None


def loop_var(task):
    lc = task.get("loop_control") or {}
    return lc.get("loop_var", "item") if isinstance(lc, dict) else "item"


def when_holds(task, variables):
    for c in extract.condition_list(task.get("when")):
        try:
            if not condition(c, variables):
                return False
        except Exception:  # noqa: BLE001
            return False
    if task.get("when") is False:
        return False
    return True


def load_vars_file(role, name):
    if not isinstance(name, str):
        return None
    p = extract.ROLES_DIR / role / "vars" / (name[len("vars/"):] if name.startswith("vars/") else name)
    if not p.is_file():
        return None
    return yaml.safe_load(p.read_text()) or {}


def task_key(rel, task):
    """A task by file and first line, the same for every load of the file."""
    return rel, min((getattr(k, "line", 0) for k in task), default=0)


def walk(role, rel, variables, overrides, seen, snapshots):
    """Runs the role's variable logic in task order; snapshots[task] = the variables before that task."""
    path = extract.ROLES_DIR / role / rel
    if rel in seen or not path.is_file():
        return
    seen.add(rel)
    for task in extract.iter_tasks(extract.load_yaml(path) or []):
        snapshots.setdefault(task_key(rel, task), dict(variables))
        module, args = module_of(task)
        items = loop_items(task, variables)
        if not when_holds(task, variables) and items is None:
            continue
        if module in ("include_tasks", "import_tasks"):
            name = args if isinstance(args, str) else (args or {}).get("file")
            try:
                name = templar(variables).template(name)
            except Exception:  # noqa: BLE001
                continue
            walk(role, str(Path(rel).parent / name), variables, overrides, seen, snapshots)
        elif module == "include_vars":
            include_vars(role, task, args, items, variables)
        elif module == "set_fact":
            set_fact(task, args, items, variables)
        if "register" in task:
            variables[task["register"]] = registered(module, task, items, overrides, task["register"])


def include_vars(role, task, args, items, variables):
    name, into = (args, None) if isinstance(args, str) else ((args or {}).get("file"), (args or {}).get("name"))
    candidates = [name]
    if items is not None:
        candidates = [name.replace("{{ item }}", i) if isinstance(name, str) else i for i in items]
    for c in candidates:
        try:
            c = templar(variables).template(c)
        except Exception:  # noqa: BLE001
            continue
        data = load_vars_file(role, c)
        if data is not None:
            if into:
                variables[into] = data
            else:
                variables.update(data)
            return


def set_fact(task, args, items, variables):
    if not isinstance(args, dict):
        return
    lv = loop_var(task)
    for it in (items if items is not None else [None]):
        scope = dict(variables)
        if items is not None:
            scope[lv] = it
            if not when_holds(task, scope):
                continue
        t = templar(scope)
        for k, v in args.items():
            if k == "cacheable":
                continue
            try:
                variables[t.template(k)] = t.template(v)
            except Exception:  # noqa: BLE001 - the fact stays undefined
                pass


def role_vars(role, overrides):
    """The raw variables of a role after a walk of its tasks, then resolved (lazy templates expanded)."""
    v = base_vars(role)
    defaults = extract.ROLES_DIR / role / "defaults" / "main.yml"
    if defaults.is_file():
        v.update(yaml.safe_load(defaults.read_text()) or {})
    main_vars = load_vars_file(role, "main.yml")
    if main_vars:
        v.update(main_vars)
    for name in overrides.get("vars_files", []):
        v.update(load_vars_file(role, name) or {})
    v.update(copy.deepcopy(overrides.get("vars", {})))
    for k, fact in copy.deepcopy(overrides.get("facts", {})).items():
        v["ansible_facts"][k] = fact
        v[k] = copy.deepcopy(fact)
    regs = overrides.get("registered", {})
    seen, snapshots = set(), {}
    walk(role, "tasks/main.yml", v, regs, seen, snapshots)
    for p in extract.yaml_files(role, "handlers"):
        walk(role, str(p.relative_to(extract.ROLES_DIR / role)), v, regs, seen, snapshots)
    # Task files the walk does not reach (other OSes) still read their own registered results.
    for p in extract.yaml_files(role, "tasks") + extract.yaml_files(role, "handlers"):
        for task in extract.iter_tasks(extract.load_yaml(p) or []):
            if "register" in task and task["register"] not in v:
                module, _ = module_of(task)
                v[task["register"]] = registered(module, task, loop_items(task, v), regs, task["register"])
    return resolve(v), {k: (snap, v) for k, snap in snapshots.items()}


def resolve(v):
    """Every variable templated (Ansible's lazy templating, done once); unresolvable ones are left out."""
    resolved = {}
    t = templar(v)
    for k, raw in v.items():
        try:
            resolved[k] = plain(t.template(raw))
        except Exception:  # noqa: BLE001 - an unresolvable variable is left undefined
            pass
    return resolved


# ---------------------------------------------------------------- cases

def referenced_names(kind, source):
    env = templar({}).environment
    text = "{%% if %s %%}x{%% endif %%}" % source if kind == "condition" else source
    try:
        return meta.find_undeclared_variables(env.parse(text))
    except Exception:  # noqa: BLE001 - a syntax error reads nothing
        return set()


def task_scope(task, scope):
    """The role's variables plus a task's vars and its first loop item."""
    if not task:
        return scope
    scope = dict(scope)
    tv = task.get("vars")
    if isinstance(tv, dict):
        t = templar(scope)
        for k, v in tv.items():
            try:
                scope[k] = plain(t.template(v))
            except Exception:  # noqa: BLE001
                pass
    items = loop_items(task, scope)
    if items:
        try:
            scope[loop_var(task)] = plain(items[0])
        except (TypeError, ValueError):
            pass
        lc = task.get("loop_control") or {}
        if isinstance(lc, dict) and "index_var" in lc:
            scope[lc["index_var"]] = 0
    return scope


def task_file(role_cases, task):
    for c in role_cases:
        if c.get("task") is task:
            return c["file"]
    return None


def template_task(role_cases, rel):
    """The template task that renders templates/<rel>, for its vars and loop item."""
    name = rel.split("/", 1)[1]
    for c in role_cases:
        task = c.get("task")
        if not task:
            continue
        _, args = module_of(task)
        for k in task:
            if k.split(".")[-1] == "template" and isinstance(task[k], dict):
                src = str(task[k].get("src", ""))
                if src == name or src.endswith("/" + name) or (name.endswith(".j2") and src.startswith("{{")):
                    if src == name or src.endswith("/" + name):
                        return task, task[k]
    return None, None


def template_vars(role, rel, args):
    dest = args.get("dest") if args else None
    name = rel.split("/", 1)[1]
    return {
        "template_host": "controller", "template_path": name, "template_uid": "root",
        "template_fullpath": "%s/%s/%s" % (ROLE_BASE, role, rel),
        "template_destpath": dest if isinstance(dest, str) and "{{" not in dest else None,
        "ansible_managed": "Ansible managed",
    }


def case_vars(kind, source, scope):
    names = referenced_names(kind, source)
    return {k: scope[k] for k in sorted(names) if k in scope}


def role_records(role, fixtures):
    overrides = fixtures.get(role, {})
    scope, snapshots = role_vars(role, overrides)
    cases = extract.cases(role)
    resolved_snapshots = {}

    def scope_of(c, task):
        """The variables as they were before the task ran in the walk (the final ones when not reached)."""
        key = task_key(c["file"] if c["kind"] != "template" else task_file(cases, task), task) if task else None
        if key not in snapshots:
            return scope
        if key not in resolved_snapshots:
            snap, final = snapshots[key]
            merged = dict(final)
            merged.update(snap)  # names defined later in the walk stay visible (other OS branches)
            resolved_snapshots[key] = resolve(merged)
        return resolved_snapshots[key]
    seen, ids = set(), {}
    for c in cases:
        key = (c["kind"], c["source"])
        if key in seen:
            continue
        seen.add(key)
        task = c["task"]
        extra = {}
        if c["kind"] == "template":
            task, args = template_task(cases, c["file"])
            extra = template_vars(role, c["file"], args)
        s = dict(scope_of(c, task))
        for k, val in copy.deepcopy(overrides.get("case_vars", {}).get(c["file"], {})).items():
            s.setdefault(k, val)  # before the task's vars and loop item, which may read it and win over it
        s = task_scope(task, s)
        s.update(extra)
        variables = case_vars(c["kind"], c["source"], s)
        base_id = "%s/%s:%d" % (role, c["file"], c["line"])
        ids[base_id] = ids.get(base_id, 0) + 1
        case_id = base_id if ids[base_id] == 1 else "%s#%d" % (base_id, ids[base_id])
        rec = {"id": case_id, "origin": "role", "role": role,
               "file": c["file"], "line": c["line"], "where": c["where"], "kind": c["kind"],
               "source": c["source"], "vars": variables}
        rec.update(outcome(c["kind"], c["source"], variables, role))
        yield rec


def supplement_records():
    data = yaml.safe_load((HERE / "supplement.yml").read_text())
    shared = data.get("vars", {})
    for i, c in enumerate(data["cases"], 1):
        kind = c.get("kind", "expression")
        source = c["source"]
        scope = dict(shared)
        scope.update(c.get("vars", {}))
        variables = case_vars(kind, source, scope)
        rec = {"id": "supplement:%d" % i, "origin": "supplement", "role": None, "file": "supplement.yml",
               "line": i, "where": c.get("feature", ""), "kind": kind, "source": source, "vars": variables}
        rec.update(outcome(kind, source, variables))
        yield rec


def main():
    fixtures = yaml.safe_load((HERE / "fixtures.yml").read_text()) or {}
    only = sys.argv[1:]
    out = sys.stdout
    for role in extract.roles():
        if only and role not in only:
            continue
        for rec in role_records(role, fixtures):
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
    if not only or "supplement" in only:
        for rec in supplement_records():
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
