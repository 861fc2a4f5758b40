/**
 * The library Rigger's Jinja2 interpreter calls: Ansible 2.14's filters, tests, global functions
 * and an allow-list of str/dict/list methods, registered in {@link dev.rigger.engine.expr.lib.Library}
 * by family (TypeFilters, StringFilters, RegexFilters, ListFilters with Selection, SetFilters,
 * DictFilters, SerializationFilters with Json/YamlEmitter/YamlLoader, VersionCompare, CoreTests,
 * Methods with StrMethods/StrFormat, Lookups, Globals).
 *
 * <p>LibraryDifferentialTest checks 522 cases against Ansible's own Jinja2 environment
 * (src/test/resources/.../lib/gen_cases.py regenerates them). Where Rigger differs, on purpose:
 * <ul>
 *   <li>Regexes run on RE2/J: backreferences, lookaround, atomic groups and conditionals are refused
 *       by name; Python's non-multiline {@code $} also matches before a final newline only when that
 *       newline is the subject's only one (filters) or always (match/search tests); an empty match of
 *       a lazy pattern right after another empty match is skipped, so {@code 'aaa'|regex_replace('a*?','-')}
 *       gives '-a-a-a-' where Python gives '-------'; {@code \w \d \s} are Unicode, {@code \b} is ASCII.</li>
 *   <li>No tuples, sets, dates: zip/product/items/dictsort give lists of lists; union/intersect/... on
 *       two strings work on their characters in order (Python makes an unordered set); from_yaml keeps
 *       timestamps as their text.</li>
 *   <li>Safety: range() is bounded to 100000 items (Jinja's sandbox); attr() reads plain dict keys only;
 *       str.format refuses attribute/index access in fields ({@code {0.__class__}}); methods are an
 *       allow-list; every value built is charged to the evaluation's Budget; lookup('file') reads regular
 *       files up to 1 MiB; lookup('pipe') needs --allow-pipe-lookup and stops after 30 s.</li>
 *   <li>startswith/endswith take a list where Python wants a tuple; integers are 64-bit (an overflow is
 *       an error, not a big int); version_compare also exists as a filter; pep440 versions are refused.</li>
 *   <li>Not provided: password_hash, random/shuffle, strftime/to_datetime, realpath/expanduser/fileglob
 *       and the file tests (they need the controller's disk or randomness).</li>
 * </ul>
 */
package dev.rigger.engine.expr.lib;
