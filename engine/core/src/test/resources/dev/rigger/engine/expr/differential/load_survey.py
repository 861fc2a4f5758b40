#!/usr/bin/python3
"""Load survey: per vendored role, how many tasks hold expressions and how many of those are in the corpus.

    /usr/bin/python3 load_survey.py [corpus.jsonl] [report.tsv]

For each role under test-data/ansible-roles: tasks (tasks/ and handlers/, blocks counted as tasks),
tasks with at least one expression or condition, the expressions/conditions of those tasks, how many
of those (by kind and text) have a corpus case, and how many of the corpus cases Ansible evaluates
without error. Templates are counted apart (files, and files in the corpus).

With a report of Rigger's results (a TSV of "case id<TAB>matched|mismatched", as
DifferentialCorpusTest writes to target/differential-results.tsv), it also counts the tasks whose
every expression matched Ansible: the share of tasks whose expressions load and evaluate unchanged.
"""
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import extract  # noqa: E402


def load_corpus(path):
    by_key, ids = {}, {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        c = json.loads(line)
        if c["origin"] != "role":
            continue
        by_key[(c["role"], c["kind"], c["source"])] = c
    return by_key


def load_results(path):
    if not path or not Path(path).is_file():
        return None
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            case_id, verdict = line.split("\t", 1)
            out[case_id] = verdict.strip() == "matched"
    return out


def survey(corpus, results):
    rows = []
    for role in extract.roles():
        tasks = with_expr = exprs = in_corpus = ok_in_ansible = all_match = 0
        for folder in ("tasks", "handlers"):
            for p in extract.yaml_files(role, folder):
                rel = str(p.relative_to(extract.ROLES_DIR / role))
                for task in extract.iter_tasks(extract.load_yaml(p) or []):
                    tasks += 1
                    cases = extract.task_cases(role, rel, task)
                    if not cases:
                        continue
                    with_expr += 1
                    task_ok = True
                    for c in cases:
                        exprs += 1
                        rec = corpus.get((role, c["kind"], c["source"]))
                        if rec is None:
                            task_ok = False
                            continue
                        in_corpus += 1
                        ok_in_ansible += "error" not in rec
                        if results is not None and not results.get(rec["id"], False):
                            task_ok = False
                    all_match += task_ok
        templates = [c for c in extract.cases(role) if c["kind"] == "template"]
        t_in = sum(1 for c in templates if (role, "template", c["source"]) in corpus)
        rows.append((role, tasks, with_expr, exprs, in_corpus, ok_in_ansible, len(templates), t_in,
                     all_match if results is not None else None))
    return rows


def main():
    corpus_path = sys.argv[1] if len(sys.argv) > 1 else HERE / "corpus.jsonl"
    results = load_results(sys.argv[2] if len(sys.argv) > 2 else None)
    rows = survey(load_corpus(corpus_path), results)
    head = ["role", "tasks", "tasks_with_expr", "exprs_in_those", "in_corpus", "ansible_ok",
            "templates", "templates_in_corpus"] + (["tasks_all_match_rigger"] if results is not None else [])
    print("\t".join(head))
    total = [0] * (len(head) - 1)
    for r in rows:
        vals = [v for v in r[1:] if v is not None]
        total = [a + b for a, b in zip(total, vals)]
        print("\t".join([r[0]] + [str(v) for v in vals]))
    print("\t".join(["TOTAL"] + [str(v) for v in total]))
    t, we = total[0], total[1]
    print("\n%d tasks, %d (%.0f%%) hold expressions; %d of their %d expressions are in the corpus"
          % (t, we, 100.0 * we / max(t, 1), total[3], total[2]), file=sys.stderr)
    if results is not None:
        ok = total[-1]
        print("tasks whose expressions all match Ansible in Rigger: %d of %d with expressions; "
              "with the %d without: %d of %d tasks (%.0f%%)"
              % (ok, we, t - we, ok + t - we, t, 100.0 * (ok + t - we) / max(t, 1)), file=sys.stderr)


if __name__ == "__main__":
    main()
