#!/usr/bin/python3
"""Usage: /usr/bin/python3 test-data/argspec-differential.py > engine/core/src/test/resources/argspec-differential.json

Asks Ansible's own ArgumentSpecValidator which combinations of arguments it rejects, for one spec
per rule (required_if, its "any of" form, required_together, required_by, required_one_of,
mutually_exclusive), over every combination of the arguments given or not. The engine's
ArgumentSpecDifferentialTest binds the same inputs against the same rules and must reject
exactly the same ones (the wording differs, the verdict may not)."""
import itertools, json
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

PARAMS = {
    'state': {'type': 'str', 'choices': ['present', 'absent'], 'default': 'present'},
    'flag': {'type': 'bool', 'default': False},
    'a': {'type': 'str'}, 'b': {'type': 'str'}, 'c': {'type': 'str'},
}
SPECS = {
    'required_if': {'required_if': [['state', 'absent', ['a', 'b']]]},
    'required_if_any': {'required_if': [['state', 'absent', ['a', 'b'], True]]},
    'required_if_bool': {'required_if': [['flag', True, ['c']]]},
    'required_together': {'required_together': [['a', 'b', 'c']]},
    'required_by': {'required_by': {'a': ['b', 'c']}},
    'required_one_of': {'required_one_of': [['a', 'b']]},
    'mutually_exclusive': {'mutually_exclusive': [['a', 'c']]},
}
cases = []
for name, rules in SPECS.items():
    for state, flag, a, b, c in itertools.product([None, 'present', 'absent'], [None, True, False], *[[None, 'x']] * 3):
        given = {k: v for k, v in dict(state=state, flag=flag, a=a, b=b, c=c).items() if v is not None}
        result = ArgumentSpecValidator(PARAMS, **rules).validate(dict(given))
        cases.append({'spec': name, 'given': given, 'rejected': bool(result.error_messages),
                      'ansible': '; '.join(result.error_messages)})
# one case a line, so a change of Ansible's verdict reads as a one-line diff
print('{"specs": ' + json.dumps(SPECS) + ',\n "cases": [\n' + ',\n'.join('  ' + json.dumps(c) for c in cases) + '\n]}')
