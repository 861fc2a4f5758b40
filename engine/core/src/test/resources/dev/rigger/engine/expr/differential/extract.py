#!/usr/bin/python3
"""Extracts every expression, condition and template from the vendored public roles.

Run with /usr/bin/python3 (PyYAML comes with ansible). `extract.py` alone prints the extracted
cases as JSON lines (source text, kind, role, file, line) without evaluating them; driver.py imports
`roles()` and `cases(role)` to evaluate them through Ansible.

What is extracted, per role under test-data/ansible-roles/<role>/:
  - expression: every string containing '{{' or '{%' in tasks/, handlers/, defaults/, vars/ YAML
    (task names, module arguments, loop sources, task vars, role variables), one case per string;
  - condition: every when/changed_when/failed_when/until value and every assert 'that' (a list
    gives one case per item; a YAML boolean such as `when: false` is no expression and is skipped);
  - template: every file under templates/.
"""
import json
import os
import sys
from pathlib import Path

import yaml

CONDITION_KEYS = ("when", "changed_when", "failed_when", "until")
TASK_LIST_KEYS = ("block", "rescue", "always")
LOOP_KEYS = ("loop", "with_items", "with_list", "with_dict", "with_subelements", "with_first_found",
             "with_fileglob", "with_together", "with_nested", "with_indexed_items", "with_sequence")


def repo_root():
    here = Path(__file__).resolve()
    for p in here.parents:
        if (p / "test-data" / "ansible-roles").is_dir():
            return p
    sys.exit("test-data/ansible-roles not found above " + str(here))


ROLES_DIR = repo_root() / "test-data" / "ansible-roles"


class LineStr(str):
    """A YAML string that remembers its 1-based line."""
    line = 0


class LineLoader(yaml.SafeLoader):
    pass


def _str(loader, node):
    s = LineStr(loader.construct_scalar(node))
    s.line = node.start_mark.line + 1
    return s


def _unsafe(loader, node):
    s = _str(loader, node)
    s.unsafe = True
    return s


LineLoader.add_constructor("tag:yaml.org,2002:str", _str)
LineLoader.add_constructor("!unsafe", _unsafe)


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=LineLoader)


def roles():
    return sorted(p.name for p in ROLES_DIR.iterdir() if p.is_dir())


def is_template(s):
    return isinstance(s, str) and ("{{" in s or "{%" in s)


def yaml_files(role, folder):
    d = ROLES_DIR / role / folder
    if not d.is_dir():
        return []
    return sorted(p for p in d.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def iter_tasks(items):
    """Every task of a task list, blocks flattened (the block itself is yielded too: its when counts)."""
    if not isinstance(items, list):
        return
    for t in items:
        if not isinstance(t, dict):
            continue
        yield t
        for k in TASK_LIST_KEYS:
            if k in t:
                yield from iter_tasks(t[k])


def strings_in(value, path=()):
    """(path, string) for every string leaf (and mapping key) of a YAML value."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield path + ("<key>",), k
            yield from strings_in(v, path + (str(k),))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings_in(v, path + (str(i),))


def condition_list(value):
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


def task_cases(role, rel, task):
    """Cases of one task (its own keys only; a block's children are separate tasks)."""
    out = []
    for key, value in task.items():
        if key in TASK_LIST_KEYS:
            continue
        if key in CONDITION_KEYS:
            for c in condition_list(value):
                out.append(case(role, rel, c, "condition", key))
            continue
        if key in ("assert", "ansible.builtin.assert") and isinstance(value, dict):
            for c in condition_list(value.get("that")):
                out.append(case(role, rel, c, "condition", "assert.that"))
            for p, s in strings_in({k: v for k, v in value.items() if k != "that"}, (key,)):
                if is_template(s):
                    out.append(case(role, rel, s, "expression", ".".join(p)))
            continue
        for p, s in strings_in(value, (key,)):
            if is_template(s):
                out.append(case(role, rel, s, "expression", ".".join(p)))
    return out


def case(role, rel, source, kind, where):
    return {"role": role, "file": rel, "line": getattr(source, "line", 0), "where": where,
            "kind": kind, "source": str(source)}


def cases(role):
    """Every case of one role, in file order, each with the task it came from (None for vars files)."""
    out = []
    base = ROLES_DIR / role
    for folder in ("defaults", "vars"):
        for p in yaml_files(role, folder):
            data = load_yaml(p)
            rel = str(p.relative_to(base))
            for path, s in strings_in(data):
                if is_template(s):
                    c = case(role, rel, s, "expression", ".".join(path))
                    c["task"] = None
                    out.append(c)
    for folder in ("tasks", "handlers"):
        for p in yaml_files(role, folder):
            rel = str(p.relative_to(base))
            for task in iter_tasks(load_yaml(p)):
                for c in task_cases(role, rel, task):
                    c["task"] = task
                    out.append(c)
    tdir = base / "templates"
    if tdir.is_dir():
        for p in sorted(tdir.rglob("*")):
            if p.is_file():
                out.append({"role": role, "file": str(p.relative_to(base)), "line": 1, "where": "file",
                            "kind": "template", "source": p.read_text(encoding="utf-8"), "task": None})
    return out


def task_count(role):
    """(tasks, tasks with at least one expression/condition) over tasks/ and handlers/."""
    total = with_expr = 0
    for folder in ("tasks", "handlers"):
        for p in yaml_files(role, folder):
            for task in iter_tasks(load_yaml(p)):
                total += 1
                if task_cases(role, "", task):
                    with_expr += 1
    return total, with_expr


if __name__ == "__main__":
    for r in roles():
        for c in cases(r):
            c.pop("task")
            print(json.dumps(c, ensure_ascii=False))
