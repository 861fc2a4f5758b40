#!/usr/bin/python3
"""Regenerates cases.jsonl: each case is run through Ansible 2.14's own Jinja2 environment.

Run with the Python that has ansible-core 2.14 installed (on the dev machines /usr/bin/python3):
    /usr/bin/python3 gen_cases.py > cases.jsonl
Each line is {"kind": "filter"|"test"|"method", "name", "input", "args", "kwargs"} plus either
"expected" (the value Ansible returns, tuples and generators as lists) or "error": true.
LibraryDifferentialTest runs every line through dev.rigger.engine.expr.lib.Library and compares
the value and its Python type.
"""
import json
import math
import types

from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
from jinja2.runtime import Undefined

ENV = Templar(loader=DataLoader()).environment

F = 'filter'
T = 'test'
M = 'method'
users = [{'name': 'bob', 'age': 30, 'city': 'NY'}, {'name': 'Al', 'age': 25, 'city': 'ny'},
         {'name': 'cy', 'age': 30, 'city': 'LA'}]

CASES = [
    # types
    (F, 'int', '5', [], {}), (F, 'int', ' 42 ', [], {}), (F, 'int', '5.7', [], {}), (F, 'int', 'abc', [], {}),
    (F, 'int', 'abc', [7], {}), (F, 'int', '0x1A', [0, 16], {}), (F, 'int', '1A', [], {'base': 16}),
    (F, 'int', '1_000', [], {}), (F, 'int', '1e3', [], {}), (F, 'int', 3.99, [], {}), (F, 'int', -3.99, [], {}),
    (F, 'int', True, [], {}), (F, 'int', None, [], {}), (F, 'int', '0b101', [0, 0], {}), (F, 'int', '-12', [], {}),
    (F, 'float', '1.5', [], {}), (F, 'float', 'x', [], {}), (F, 'float', 3, [], {}), (F, 'float', '1e-3', [], {}),
    (F, 'float', ' -2.5 ', [], {}), (F, 'float', 'x', [1.5], {}),
    (F, 'bool', 'yes', [], {}), (F, 'bool', 'No', [], {}), (F, 'bool', 'on', [], {}), (F, 'bool', 'TRUE', [], {}),
    (F, 'bool', '1', [], {}), (F, 'bool', 1, [], {}), (F, 'bool', 0, [], {}), (F, 'bool', 'y', [], {}),
    (F, 'bool', None, [], {}), (F, 'bool', 2, [], {}), (F, 'bool', 1.0, [], {}), (F, 'bool', 'off', [], {}),
    (F, 'string', 12, [], {}), (F, 'string', [1, 'a'], [], {}), (F, 'string', {'a': None, 'b': True}, [], {}),
    (F, 'string', 1.0, [], {}), (F, 'string', 1e20, [], {}), (F, 'string', 0.1, [], {}),
    (F, 'default', None, ['x'], {}), (F, 'default', '', ['x', True], {}), (F, 'default', 0, ['x'], {}),
    (F, 'default', [], ['x'], {'boolean': True}),
    (F, 'ternary', True, ['a', 'b'], {}), (F, 'ternary', 0, ['a', 'b'], {}), (F, 'ternary', None, ['a', 'b', 'n'], {}),
    (F, 'abs', -3, [], {}), (F, 'abs', -2.5, [], {}),
    (F, 'round', 2.5, [], {}), (F, 'round', 3.5, [], {}), (F, 'round', 2.675, [2], {}), (F, 'round', 42.55, [1, 'floor'], {}),
    (F, 'round', 42.51, [0, 'ceil'], {}), (F, 'round', 7, [], {}), (F, 'round', 1234.5678, [-2], {}),
    (F, 'type_debug', 'a', [], {}), (F, 'type_debug', 1, [], {}), (F, 'type_debug', 1.5, [], {}), (F, 'type_debug', None, [], {}),
    (F, 'type_debug', [], [], {}), (F, 'type_debug', {}, [], {}), (F, 'type_debug', True, [], {}),
    (F, 'human_readable', 1024, [], {}), (F, 'human_readable', 1536000, [], {}), (F, 'human_readable', 10, [], {}),
    (F, 'human_readable', 2048, [], {'isbits': True}), (F, 'human_readable', 1048576, [], {'unit': 'K'}),
    (F, 'human_to_bytes', '1K', [], {}), (F, 'human_to_bytes', '1.5 MB', [], {}), (F, 'human_to_bytes', '10', [], {}),
    (F, 'human_to_bytes', '2', ['G'], {}), (F, 'human_to_bytes', '1Mb', [], {'isbits': True}), (F, 'human_to_bytes', '1Mb', [], {}),
    # strings
    (F, 'lower', 'AbC', [], {}), (F, 'upper', 'straße', [], {}), (F, 'capitalize', 'hELLO wORLD', [], {}),
    (F, 'title', "hello-world (it's) x", [], {}), (F, 'title', 'ÉCOLE élève', [], {}),
    (F, 'trim', '  a b \n', [], {}), (F, 'trim', 'xxaxx', ['x'], {}),
    (F, 'replace', 'aaaa', ['a', 'b', 2], {}), (F, 'replace', 'abc', ['', '-'], {}), (F, 'replace', 'Hello World', ['Hello', 'Bye'], {}),
    (F, 'split', 'a,b,,c', [','], {}), (F, 'split', ' a  b\tc\n', [], {}), (F, 'split', 'a b c', [None, 1], {}),
    (F, 'join', ['a', 1, None], ['-'], {}), (F, 'join', [1, 2, 3], [], {}), (F, 'join', users, [', '], {'attribute': 'name'}),
    (F, 'center', 'ab', [7], {}), (F, 'center', 'abc', [8], {}),
    (F, 'indent', 'a\nb\n\nc', [], {}), (F, 'indent', 'a\nb\n\nc', [2, True, True], {}), (F, 'indent', 'a\nb', ['> '], {}),
    (F, 'wordcount', 'Hello, wonderful world_x 42!', [], {}),
    (F, 'quote', "it's", [], {}), (F, 'quote', 'safe-path/x.y', [], {}), (F, 'quote', '', [], {}), (F, 'quote', 'a b', [], {}),
    (F, 'b64encode', 'héllo', [], {}), (F, 'b64decode', 'aMOpbGxv', [], {}), (F, 'b64decode', 'aGk', [], {}),
    (F, 'basename', '/etc/hosts', [], {}), (F, 'basename', '/etc/', [], {}), (F, 'dirname', '/etc/hosts', [], {}),
    (F, 'dirname', '//a//b//', [], {}), (F, 'dirname', 'file', [], {}), (F, 'splitext', '/a/b.tar.gz', [], {}),
    (F, 'splitext', '.bashrc', [], {}), (F, 'splitext', '/a.b/c', [], {}),
    (F, 'path_join', ['/etc', 'a', 'b.conf'], [], {}), (F, 'path_join', ['a', '/abs', 'c'], [], {}),
    (F, 'hash', 'abc', [], {}), (F, 'hash', 'abc', ['md5'], {}), (F, 'hash', 'abc', ['sha256'], {}),
    (F, 'checksum', 'abc', [], {}), (F, 'md5', 'abc', [], {}), (F, 'sha1', 'x', [], {}),
    (F, 'urlencode', 'a b/c&d=é', [], {}), (F, 'urlencode', {'a b': 'c&d', 'e': 1}, [], {}),
    (F, 'urldecode', 'a%20b+c%C3%A9', [], {}),
    (F, 'e', '<a href="x">\'&', [], {}),
    (F, 'format', '%s-%05.2f-%d-%x-%r', ['a', 3.14159, 7.9, 255, 'q'], {}),
    (F, 'format', '%(a)s=%(b)5d', [], {'a': 'x', 'b': 42}), (F, 'format', '%g|%g|%g|%e', [0.0001, 1e20, 123456789.0, 12.5], {}),
    (F, 'to_uuid', 'example.com', [], {}),
    (F, 'comment', 'a\nb', [], {}), (F, 'comment', 'a\nb', ['c'], {}), (F, 'comment', 'x', ['cblock'], {}),
    (F, 'comment', 'x', ['xml'], {}), (F, 'comment', 'x', [], {'decoration': '; '}),
    # regexes
    (F, 'regex_replace', 'hello world', ['o', '0'], {}), (F, 'regex_replace', 'ansible', ['^a.*i(.*)$', 'a\\1'], {}),
    (F, 'regex_replace', 'localhost:80', ['^(?P<host>.+):(?P<port>\\d+)$', '\\g<host>, \\g<port>'], {}),
    (F, 'regex_replace', 'ABC', ['b', 'x'], {'ignorecase': True}), (F, 'regex_replace', 'a\nb', ['^', '# '], {'multiline': True}),
    (F, 'regex_replace', 'abxd', ['x*', '-'], {}), (F, 'regex_replace', 'a.b', ['\\.', '\\n'], {}),
    (F, 'regex_replace', 'foo\n', ['o$', 'X'], {}), (F, 'regex_replace', 'a{b}', ['{b}', 'c'], {}),
    (F, 'regex_search', 'server1 server22', ['server\\d+'], {}), (F, 'regex_search', 'abc', ['x'], {}),
    (F, 'regex_search', 'key=value', ['(\\w+)=(\\w+)', '\\2', '\\1'], {}),
    (F, 'regex_search', 'key=value', ['(?P<k>\\w+)=(?P<v>\\w+)', '\\g<v>'], {}),
    (F, 'regex_search', 'FOO', ['foo'], {'ignorecase': True}), (F, 'regex_search', 'a\nfoo', ['^foo'], {'multiline': True}),
    (F, 'regex_findall', 'a1 b22 c333', ['\\d+'], {}), (F, 'regex_findall', 'a=1 b=2', ['(\\w)=(\\d)'], {}),
    (F, 'regex_findall', 'a=1 b=2', ['(\\w)=\\d'], {}), (F, 'regex_findall', 'abxd', ['x*'], {}),
    (F, 'regex_findall', 'A a', ['a'], [False, True] and {'ignorecase': True}),
    (F, 'regex_escape', 'a.b*c[d] e-f', [], {}), (F, 'regex_escape', 'a.b*c[d]^$', ['posix_basic'], {}),
    (T, 'match', 'abc', ['ab'], {}), (T, 'match', 'abc', ['bc'], {}), (T, 'search', 'abc', ['bc'], {}),
    (T, 'search', 'ABC', ['bc'], {'ignorecase': True}), (T, 'search', 'foo\n', ['^foo$'], {}),
    (T, 'regex', 'abc', ['b'], {}), (T, 'regex', 'abc', ['b'], {'match_type': 'match'}),
    (T, 'regex', 'abc', ['abc'], {'match_type': 'fullmatch'}), (T, 'match', 'x\nabc', ['abc'], {'multiline': True}),
    # lists
    (F, 'length', [1, 2], [], {}), (F, 'length', 'héllo', [], {}), (F, 'count', {'a': 1}, [], {}),
    (F, 'first', [3, 4], [], {}), (F, 'first', 'xyz', [], {}), (F, 'last', [3, 4], [], {}), (F, 'last', {'a': 1, 'b': 2}, [], {}),
    (F, 'min', [3, 1, 2], [], {}), (F, 'max', ['b', 'A', 'c'], [], {}), (F, 'max', ['b', 'A', 'C'], [], {'case_sensitive': True}),
    (F, 'min', users, [], {'attribute': 'age'}), (F, 'max', users, [], {'attribute': 'name'}),
    (F, 'sum', [1, 2, 3.5], [], {}), (F, 'sum', [[1], [2]], [], {'start': []}), (F, 'sum', users, [], {'attribute': 'age'}),
    (F, 'sum', [True, 2], [], {}),
    (F, 'unique', ['a', 'A', 'b', 'a'], [], {}), (F, 'unique', ['a', 'A', 'b'], [True], {}), (F, 'unique', [1, 1.0, True, 2], [], {}),
    (F, 'unique', [[1], [1], [2]], [], {}), (F, 'unique', users, [], {'attribute': 'age'}),
    (F, 'sort', [3, 1, 2], [], {}), (F, 'sort', ['b', 'A', 'c'], [], {}), (F, 'sort', ['b', 'A', 'c'], [], {'case_sensitive': True}),
    (F, 'sort', [3, 1, 2], [True], {}), (F, 'sort', users, [], {'attribute': 'age,name'}),
    (F, 'sort', users, [], {'attribute': 'age', 'reverse': True}), (F, 'sort', [[2, 'a'], [1, 'b'], [2, 'A']], [], {}),
    (F, 'reverse', 'abc', [], {}), (F, 'reverse', [1, 2, 3], [], {}),
    (F, 'list', 'abc', [], {}), (F, 'list', {'a': 1, 'b': 2}, [], {}),
    (F, 'flatten', [1, [2, [3, [4]]], None, 'None', 'x'], [], {}), (F, 'flatten', [1, [2, [3, [4]]]], [1], {}),
    (F, 'flatten', [1, [2, [3, [4]]]], [], {'levels': 2}), (F, 'flatten', [None, [None]], [], {'skip_nulls': False}),
    (F, 'union', [1, 2, 'a'], [[2, 3, 'A']], {}), (F, 'intersect', [1, 2, 3, 2], [[2, 3, 4]], {}),
    (F, 'difference', [1, 2, 3, 1], [[2]], {}), (F, 'symmetric_difference', [1, 2, 3], [[2, 3, 4]], {}),
    (F, 'union', [[1], [2]], [[[2], [3]]], {}), (F, 'intersect', [{'a': 1}, {'b': 2}], [[{'a': 1}]], {}),
    (F, 'zip', [1, 2, 3], [['a', 'b']], {}), (F, 'zip', [1, 2], [['a', 'b'], 'xy'], {}),
    (F, 'zip_longest', [1, 2, 3], [['a']], {}), (F, 'zip_longest', [1, 2, 3], [['a']], {'fillvalue': 0}),
    (F, 'product', [1, 2], [['a', 'b']], {}), (F, 'product', [1, 2], [], {'repeat': 2}),
    (F, 'batch', [1, 2, 3, 4, 5], [2], {}), (F, 'batch', [1, 2, 3, 4, 5], [2, 0], {}),
    (F, 'slice', [1, 2, 3, 4, 5], [2], {}), (F, 'slice', [1, 2, 3, 4, 5], [3, 'x'], {}),
    (F, 'groupby', users, ['city'], {}), (F, 'groupby', users, ['age'], {}), (F, 'groupby', users, ['city'], {'case_sensitive': True}),
    (F, 'map', ['a', 'b'], ['upper'], {}), (F, 'map', users, [], {'attribute': 'name'}),
    (F, 'map', [{'a': 1}, {}], [], {'attribute': 'a', 'default': 0}), (F, 'map', ['1', '2'], ['int'], {}),
    (F, 'map', ['a,b', 'c'], ['split', ','], {}), (F, 'map', [[1, 2], [3]], ['join', '-'], {}),
    (F, 'select', [0, 1, 2, 3, '', None], [], {}), (F, 'select', [1, 2, 3, 4], ['odd'], {}),
    (F, 'select', [1, 2, 3, 4], ['divisibleby', 2], {}), (F, 'reject', [1, 2, 3, 4], ['>', 2], {}),
    (F, 'select', ['a', 'ab', 'b'], ['match', 'a'], {}), (F, 'reject', ['a', 'ab', 'b'], ['search', 'b'], {}),
    (F, 'selectattr', users, ['age', 'equalto', 30], {}), (F, 'rejectattr', users, ['city', 'in', ['NY', 'LA']], {}),
    (F, 'selectattr', users, ['name', 'defined'], {}), (F, 'selectattr', users, ['missing', 'undefined'], {}),
    (F, 'selectattr', [{'a': True}, {'a': False}], ['a'], {}),
    (F, 'subelements', [{'n': 'a', 'g': [1, 2]}, {'n': 'b', 'g': [3]}], ['g'], {}),
    (F, 'subelements', [{'n': 'a', 'g': [1, 2]}, {'n': 'b'}], ['g'], {'skip_missing': True}),
    (F, 'subelements', {'x': {'n': 'a', 'u': {'g': [1]}}}, ['u.g'], {}),
    # dicts
    (F, 'dict2items', {'a': 1, 'b': 2}, [], {}), (F, 'dict2items', {'a': 1}, [], {'key_name': 'k', 'value_name': 'v'}),
    (F, 'items2dict', [{'key': 'a', 'value': 1}, {'key': 'b', 'value': 2}], [], {}),
    (F, 'items2dict', [{'k': 'a', 'v': 1}], [], {'key_name': 'k', 'value_name': 'v'}),
    (F, 'combine', {'a': 1, 'b': {'c': 1}}, [{'b': {'d': 2}}], {}),
    (F, 'combine', {'a': 1, 'b': {'c': 1}}, [{'b': {'d': 2}}], {'recursive': True}),
    (F, 'combine', {'a': [1, 2]}, [{'a': [2, 3]}], {'list_merge': 'append'}),
    (F, 'combine', {'a': [1, 2]}, [{'a': [2, 3]}], {'list_merge': 'append_rp'}),
    (F, 'combine', {'a': [1, 2]}, [{'a': [2, 3]}], {'list_merge': 'prepend_rp'}),
    (F, 'combine', {'a': [1, 2]}, [{'a': [3]}], {'list_merge': 'keep'}),
    (F, 'combine', [{'a': 1}, {'b': 2}, {'a': 3}], [], {}), (F, 'combine', {'a': 1}, [None, {'b': 2}], {}),
    (F, 'combine', {'x': {'y': [1]}}, [{'x': {'y': [2], 'z': 1}}], {'recursive': True, 'list_merge': 'prepend'}),
    (F, 'dictsort', {'b': 1, 'A': 2, 'c': 0}, [], {}), (F, 'dictsort', {'b': 1, 'A': 2, 'c': 0}, [True], {}),
    (F, 'dictsort', {'b': 1, 'A': 2, 'c': 0}, [False, 'value'], {}), (F, 'dictsort', {'b': 1, 'a': 2}, [], {'reverse': True}),
    (F, 'items', {'a': 1, 'b': [2]}, [], {}),
    (F, 'extract', 1, [['a', 'b', 'c']], {}), (F, 'extract', 'x', [{'x': {'y': 5}}, 'y'], {}),
    (F, 'extract', 'x', [{'x': {'y': [5, 6]}}, ['y', 1]], {}),
    # serialization
    (F, 'to_json', {'b': 1, 'a': [1, 2.5, None, True], 'é': 'ü'}, [], {}), (F, 'to_json', 'x"y\\z\n', [], {}),
    (F, 'to_json', {'a': 1}, [], {'indent': 2}), (F, 'to_json', {'b': 1, 'a': 2}, [], {'sort_keys': True}),
    (F, 'to_json', [1e16, 0.1, 1e-7, 100.0], [], {}), (F, 'to_json', {1: 'a', True: 'b'}, [], {}),
    (F, 'to_nice_json', {'b': {'y': [1, {}], 'x': []}, 'a': 'é'}, [], {}), (F, 'to_nice_json', [1, [2]], [2], {}),
    (F, 'tojson', {'b': "<'&>", 'a': 1}, [], {}),
    (F, 'from_json', '{"a": [1, 2.5, null, true], "b": {"c": "d"}}', [], {}), (F, 'from_json', '[1e3, -0, "x"]', [], {}),
    (F, 'to_yaml', {'b': 1, 'a': [1, 2], 'c': {'d': 'e'}}, [], {}), (F, 'to_yaml', {'a': 1, 'b': 'x'}, [], {}),
    (F, 'to_yaml', ['a', {'b': 1}], [], {}), (F, 'to_yaml', 'foo', [], {}), (F, 'to_yaml', '', [], {}),
    (F, 'to_yaml', 42, [], {}), (F, 'to_yaml', None, [], {}), (F, 'to_yaml', [], [], {}), (F, 'to_yaml', {}, [], {}),
    (F, 'to_yaml', {'s': ['yes', 'no', '1', '1.5', 'null', '~', '', '2020-01-01', '0x1f', '1:30', '<<', '=', 'true']}, [], {}),
    (F, 'to_yaml', {'s': ['a: b', '- x', '#c', 'a #b', 'a#b', ' lead', 'trail ', 'x,y', '[x]', '@a', "it's", 'é ü', 'tab\there']}, [], {}),
    (F, 'to_yaml', {'m': 'line1\nline2\n', 'n': 'a\n\nb', 'q': 'x\n'}, [], {}),
    (F, 'to_yaml', {'long': 'word ' * 30}, [], {}), (F, 'to_yaml', {'long': ['item%d' % i for i in range(30)]}, [], {}),
    (F, 'to_yaml', {'f': [1.0, 1e20, 0.1, float('inf'), -2.5e-8], 'b': [True, False, None]}, [], {}),
    (F, 'to_yaml', {'a': {'b': {'c': [1, {'d': 2}]}}}, [], {}), (F, 'to_yaml', {'x': 1}, [], {'default_flow_style': False}),
    (F, 'to_yaml', {'k' * 130: 1}, [], {}), (F, 'to_yaml', {'ctl': 'a\x01b', 'uni': '\u2028'}, [], {}),
    (F, 'to_nice_yaml', {'b': 1, 'a': [1, {'x': [2, 3]}], 'c': {'d': 'e', 'f': []}}, [], {}),
    (F, 'to_nice_yaml', [{'name': 'x', 'items': ['a', 'b']}, 'y'], [], {}), (F, 'to_nice_yaml', {'a': [[1, 2], [3]]}, [], {}),
    (F, 'to_nice_yaml', {'a': 1}, [2], {}), (F, 'to_nice_yaml', {'long': 'word ' * 30 + 'end'}, [], {}),
    (F, 'from_yaml', 'a: 1\nb: [x, yes, no, 1.5, ~, "q"]\nc: {d: e}\n', [], {}), (F, 'from_yaml', '- 0x1f\n- 0o17\n- 017\n- 1_000\n', [], {}),
    (F, 'from_yaml_all', 'a: 1\n---\nb: 2\n', [], {}),
    # versions
    (T, 'version', '1.10', ['1.9', '>'], {}), (T, 'version', '1.0.0', ['1.0', '=='], {}), (T, 'version', '2.0', ['2.0.0', 'eq'], {}),
    (T, 'version', '1.2.3-rc1', ['1.2.3', '<'], {}), (T, 'version', '1.2.3', ['1.2.3-rc.1', '>'], {'version_type': 'semver'}),
    (T, 'version', '1.2.3-alpha.1', ['1.2.3-alpha.beta', '<'], {'version_type': 'semver'}),
    (T, 'version', '1.2.3-alpha.10', ['1.2.3-alpha.9', 'gt'], {'version_type': 'semver'}),
    (T, 'version', '1.2a1', ['1.2', 'lt'], {'strict': True}), (T, 'version', '1.2.0', ['1.2', 'eq'], {'strict': True}),
    (T, 'version', '1.2', ['1.2b3', '>='], {'version_type': 'strict'}), (T, 'version', '1.0a', ['1.0b', '<'], {}),
    (T, 'version', '1.0', ['1.a', '<'], {}), (T, 'version', '3.10.0-1160.el7', ['3.10.0-957', '>'], {}),
    (T, 'version', '1.2', ['1.2', 'ne'], {}), (T, 'version', 'v1.2', ['1.2', '<='], {}),
    # tests
    (T, 'defined', 1, [], {}), (T, 'none', None, [], {}), (T, 'none', 0, [], {}), (T, 'string', 'a', [], {}),
    (T, 'number', True, [], {}), (T, 'number', 1.5, [], {}), (T, 'number', '1', [], {}), (T, 'integer', True, [], {}),
    (T, 'integer', 3, [], {}), (T, 'float', 3, [], {}), (T, 'float', 3.0, [], {}), (T, 'boolean', 1, [], {}),
    (T, 'boolean', False, [], {}), (T, 'mapping', {}, [], {}), (T, 'mapping', [], [], {}), (T, 'sequence', 'ab', [], {}),
    (T, 'sequence', 3, [], {}), (T, 'iterable', {}, [], {}), (T, 'callable', 'x', [], {}),
    (T, 'odd', 3, [], {}), (T, 'even', 3, [], {}), (T, 'odd', -3, [], {}), (T, 'even', 4.0, [], {}), (T, 'divisibleby', 9, [3], {}),
    (T, 'lower', 'abc1', [], {}), (T, 'lower', 'aBc', [], {}), (T, 'upper', 'ABC', [], {}), (T, 'upper', '123', [], {}),
    (T, 'in', 'a', [['a', 'b']], {}), (T, 'in', 'b', ['abc'], {}), (T, 'contains', [1, 2], [2], {}), (T, 'contains', {'a': 1}, ['a'], {}),
    (T, 'equalto', 1, [1.0], {}), (T, 'eq', 'a', ['a'], {}), (T, 'ne', 1, [2], {}), (T, 'lt', 1, [2], {}), (T, 'gt', 'b', ['a'], {}),
    (T, 'le', 2, [2], {}), (T, 'ge', 1, [2], {}), (T, '==', [1], [[1]], {}), (T, '!=', 1, [True], {}),
    (T, 'subset', [1, 2], [[1, 2, 3]], {}), (T, 'superset', [1, 2], [[1, 3]], {}), (T, 'subset', [1], [[1.0]], {}),
    (T, 'truthy', 'no', [], {}), (T, 'truthy', 'no', [], {'convert_bool': True}), (T, 'falsy', 0, [], {}),
    (T, 'falsy', 'off', [], {'convert_bool': True}), (T, 'truthy', 'maybe', [], {'convert_bool': True}),
    (T, 'changed', {'changed': True}, [], {}), (T, 'changed', {'results': [{'changed': False}, {'changed': True}]}, [], {}),
    (T, 'changed', {}, [], {}), (T, 'failed', {'failed': True}, [], {}), (T, 'succeeded', {'failed': False}, [], {}),
    (T, 'success', {}, [], {}), (T, 'skipped', {'skipped': True}, [], {}), (T, 'finished', {'finished': 1}, [], {}),
    (T, 'finished', {'finished': 0}, [], {}), (T, 'started', {'started': 1}, [], {}), (T, 'unreachable', {'unreachable': True}, [], {}),
    (T, 'reachable', {}, [], {}), (T, 'sameas', None, [None], {}), (T, 'sameas', True, [1], {}),
    (T, 'any', [0, 1], [], {}), (T, 'all', [0, 1], [], {}), (T, 'nan', float('nan'), [], {}),
    # more YAML: folding, quoting, nesting
    (F, 'to_yaml', {'k': 'x' * 90 + ' ' + 'y' * 10}, [], {}), (F, 'to_yaml', {'k': ('ab ' * 40) + '\n' + 'cd'}, [], {}),
    (F, 'to_yaml', {'k': 'tab\t' + 'word ' * 25}, [], {}), (F, 'to_yaml', ['- a', 'b: c', ': x', '? y', 'a:b', 'x: ', '%p', '!t', '&a', '*b'], [], {}),
    (F, 'to_yaml', {'a': [{'b': [{'c': 1}]}], 'e': [[]], 'f': [{}]}, [], {}), (F, 'to_yaml', {'😀': 'emoji 😀', 'nbsp': 'a\xa0b'}, [], {}),
    (F, 'to_nice_yaml', {'servers': [{'name': 'web', 'ports': [80, 443], 'env': {'A': '1', 'B': 'yes'}}], 'count': 2}, [], {}),
    (F, 'to_nice_yaml', {'m': 'first line\nsecond line\n', 'e': ''}, [], {}), (F, 'to_nice_yaml', [[1, [2, [3]]]], [], {}),
    (F, 'to_yaml', {2: 'b', 1: 'a'}, [], {}), (F, 'to_yaml', {'b': 1, 'a': 2}, [], {'sort_keys': False}),
    (F, 'to_yaml', {'x': 'a' * 200}, [], {'width': 1000}),
    # methods
    (M, 'split', 'a,b,,c', [','], {}), (M, 'split', ' a b  ', [], {}), (M, 'split', 'a b c', [], {'maxsplit': 1}),
    (M, 'rsplit', 'a.b.c', ['.', 1], {}), (M, 'rsplit', ' a b c ', [None, 1], {}), (M, 'splitlines', 'a\nb\r\nc\n', [], {}),
    (M, 'splitlines', 'a\nb\n', [True], {}), (M, 'strip', '  x  ', [], {}), (M, 'lstrip', 'xxay', ['x'], {}),
    (M, 'rstrip', 'a\n\n', [], {}), (M, 'startswith', 'hello', ['he'], {}), 
    (M, 'endswith', 'hello', ['lo', 0, 4], {}), (M, 'find', 'hello', ['l'], {}), (M, 'rfind', 'hello', ['l'], {}),
    (M, 'find', 'hello', ['z'], {}), (M, 'index', 'hello', ['e'], {}), (M, 'index', 'hello', ['z'], {}),
    (M, 'count', 'banana', ['an'], {}), (M, 'count', 'abc', [''], {}), (M, 'join', ',', [['a', 'b']], {}),
    (M, 'join', ',', [[1, 2]], {}), (M, 'replace', 'aaa', ['a', 'bb', 2], {}), (M, 'title', "they're bill's", [], {}),
    (M, 'capitalize', 'ßa', [], {}), (M, 'isdigit', '123', [], {}), (M, 'isdigit', '1.5', [], {}), (M, 'isalpha', 'abé', [], {}),
    (M, 'isalnum', 'ab1', [], {}), (M, 'isspace', ' \t', [], {}), (M, 'islower', 'ab1', [], {}), (M, 'isupper', 'A1b', [], {}),
    (M, 'zfill', '-42', [6], {}), (M, 'ljust', 'ab', [5, '*'], {}), (M, 'rjust', 'ab', [5], {}), (M, 'center', 'ab', [7, '-'], {}),
    (M, 'format', '{}-{}', ['a', 1], {}), (M, 'format', '{1}{0}{1}', ['a', 'b'], {}), (M, 'format', '{name}!', [], {'name': 'x'}),
    (M, 'format', '{:>5}|{:<5}|{:^5}|{:*^7}', ['a', 'b', 'c', 'd'], {}), (M, 'format', '{:05d}|{:+d}|{:,}|{:x}|{:#o}', [42, 3, 1234567, 255, 8], {}),
    (M, 'format', '{:.2f}|{:.3}|{:e}|{:%}|{}', [3.14159, 2.0, 12345.678, 0.25, 1.5], {}), (M, 'format', '{!r}/{!s}', ['a', 'b'], {}),
    (M, 'format', '{{x}} {}', [1], {}), 
    (M, 'get', {'a': 1}, ['a'], {}), (M, 'get', {'a': 1}, ['b'], {}), (M, 'get', {'a': 1}, ['b', 2], {}),
    (M, 'keys', {'a': 1, 'b': 2}, [], {}), (M, 'values', {'a': 1, 'b': 2}, [], {}), (M, 'items', {'a': 1}, [], {}),
    (M, 'copy', {'a': [1]}, [], {}), (M, 'index', [1, 2, 3], [2], {}), (M, 'index', [1, 2], [5], {}), (M, 'count', [1, 1, 2], [1], {}),
    (M, 'upper', 'abc', [], {}), (M, 'lower', 'ABC', [], {}),
    # assorted edges
    (F, 'int', '010', [0, 0], {}), (F, 'int', '0o17', [0, 8], {}), (F, 'int', 'z', [0, 36], {}), (F, 'int', '+5', [], {}),
    (F, 'float', 'inf', [], {}), (F, 'float', '1_0.5', [], {}), (F, 'float', True, [], {}),
    (F, 'selectattr', [{'a': {'b': 1}}, {'a': {'b': 2}}], ['a.b', 'eq', 2], {}), (F, 'sort', [[2, 'x'], [1, 'y']], [], {'attribute': '0'}),
    (F, 'map', [{'a': {'b': 1}}, {'a': {}}], [], {'attribute': 'a.b', 'default': 'z'}), (F, 'join', {'a': 1, 'b': 2}, [','], {}),
    (F, 'regex_findall', 'a1\nb2\n', ['^\\w\\d$'], {'multiline': True}), (F, 'regex_findall', 'k: v\nx: y', ['^(\\w+): (\\w+)$', True], {}),
    (F, 'combine', {'a': [1]}, [{'a': [2]}], {'list_merge': 'append', 'recursive': False}),
    (F, 'unique', ['a', 'A'], [], {'case_sensitive': False}), (F, 'min', [{'x': 2}, {'x': 1}], [], {'attribute': 'x'}),
    (F, 'to_json', {'a': [1, 2]}, [], {'separators': [',', ':']}), (F, 'to_nice_json', {'a': {}, 'b': [], 'c': [{}]}, [], {}),
    (F, 'from_yaml', 's: "2020-01-02"\nt: !!str 5\n', [], {}), (F, 'from_yaml', '', [], {}),
    (F, 'from_yaml', 'a: &x [1, 2]\nb: *x\n', [], {}), (F, 'from_yaml', 'n: .inf\nm: -.5\nk: 1e3\n', [], {}),
    (F, 'flatten', ['ab', ['cd', ['ef']]], [], {}), (F, 'list', [1, [2]], [], {}), (F, 'reverse', {'a': 1, 'b': 2}, [], {}),
    (F, 'wordcount', 'élève 3é x-y', [], {}), (F, 'title', 'x[y z<w', [], {}), (F, 'capitalize', 'élan VITAL', [], {}),
    (F, 'replace', 'a.b.c', ['.', ''], {}), (F, 'trim', '\u3000x\xa0', [], {}), (F, 'split', 'a\u3000b', [], {}),
    (F, 'regex_replace', 'path/to/file', ['/', '\\\\'], {}),
    (F, 'regex_search', 'abc', ['(x)?c', '\\1'], {}), (F, 'regex_escape', 'a~b&c#d', [], {}),
    (F, 'b64encode', 5, [], {}), (F, 'quote', 5, [], {}), (F, 'quote', None, [], {}), (F, 'string', None, [], {}),
    (F, 'dict2items', {}, [], {}), (F, 'items2dict', [], [], {}), (F, 'zip', [], [[1]], {}), (F, 'product', [], [[1]], {}),
    (F, 'human_readable', 0, [], {}), (F, 'human_readable', 1.5, [], {}), (F, 'human_to_bytes', '1.5K', [], {}),
    (F, 'human_to_bytes', '1 kilobyte', [], {}), (F, 'round', -2.5, [], {}), (F, 'round', 0.125, [2], {}), (F, 'round', 5, [1, 'ceil'], {}),
    (T, 'version', '1.2.3', ['1.2.3+build', 'eq'], {'version_type': 'semver'}), (T, 'version', '2.14', ['2.9', '>'], {}),
    (T, 'version', '1.0.0-rc.1', ['1.0.0-rc.1', '=='], {'version_type': 'semantic'}), (T, 'version', '1.0', ['1.0.0', '<'], {}),
    (T, 'in', 1, [{1: 'a'}], {}), (T, 'contains', 'abc', ['b'], {}), (T, 'sameas', 1, [1], {}), (T, 'divisibleby', 10, [2.5], {}),
    (T, 'odd', 3.5, [], {}), (T, 'even', -4, [], {}), (T, 'search', 'a.b', ['\\.'], {}), (T, 'match', 'Abc', ['a'], {'ignorecase': True}),
    (T, 'lower', 'ß', [], {}), (T, 'upper', '', [], {}), (T, 'truthy', [], [], {}), (T, 'falsy', '0', [], {}),
    # errors that must be errors here too
    (F, 'from_json', '{bad', [], {}), (F, 'regex_search', 'a', ['(a'], {}), (T, 'version', '', ['1'], {}),
    (F, 'dict2items', [1], [], {}), (F, 'items2dict', [{'a': 1}], [], {}), (F, 'combine', {'a': 1}, [[1]], {}),
    (F, 'sort', [1, 'a'], [], {}), (F, 'ternary', True, ['a'], {}), (F, 'abs', 'x', [], {}), (T, 'changed', 'x', [], {}),
    (T, 'version', '1.0', ['a.b', '<'], {'strict': True}), (T, 'version', '1.0', ['1.0', 'bad'], {}),
    (F, 'subelements', [{'n': 'b'}], ['g'], {}), (F, 'length', 5, [], {}),
]


def plain(v):
    if isinstance(v, Undefined):
        return {'$undefined': True}
    if isinstance(v, (list, tuple, types.GeneratorType)) or type(v).__name__ in ('dict_items', 'list_reverseiterator', 'map', 'zip', 'product'):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {'$dict': [[plain(k), plain(x)] for k, x in v.items()]}
    if isinstance(v, str):
        return str(v)
    if isinstance(v, bool) or v is None or isinstance(v, int):
        return v
    if isinstance(v, float):
        return {'$float': repr(v)} if (math.isinf(v) or math.isnan(v)) else v
    raise TypeError('unexpected %r' % type(v))


def run(kind, name, value, args, kwargs):
    if kind == F:
        expr = ENV.compile_expression('v | %s(*a, **k)' % name)
    elif kind == M:
        expr = ENV.compile_expression('v.%s(*a, **k)' % name)
    else:
        expr = ENV.compile_expression('v is %s(*a, **k)' % ('eq' if name == '==' else 'ne' if name == '!=' else name))
    out = expr(v=value, a=args, k=kwargs)
    if kind in (F, M) and not isinstance(out, (str, int, float, bool, dict, list, type(None))) and not isinstance(out, Undefined):
        out = list(out)
    return out


def main():
    for kind, name, value, args, kwargs in CASES:
        case = {'kind': kind, 'name': name, 'input': plain(value), 'args': plain(args), 'kwargs': plain(kwargs)}
        try:
            case['expected'] = plain(run(kind, name, value, args, kwargs))
        except Exception as e:  # noqa: BLE001 - an error is an expected outcome too
            case['error'] = True
            case['message'] = '%s: %s' % (type(e).__name__, e)
        print(json.dumps(case, ensure_ascii=False, sort_keys=True))


if __name__ == '__main__':
    main()
