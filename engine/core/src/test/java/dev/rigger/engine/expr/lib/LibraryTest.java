package dev.rigger.engine.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Library's API as the interpreter uses it, and the undefined-accepting filters and tests. */
class LibraryTest {
    private static final Library LIB = Library.standard();

    @Test
    void standard_isOneSharedInstance_withTheNamesTheBriefAsksFor() {
        assertThat(Library.standard()).isSameAs(LIB);
        assertThat(LIB.filterNames()).contains("default", "d", "mandatory", "bool", "int", "float", "string", "length", "count",
                "lower", "upper", "capitalize", "title", "trim", "replace", "regex_replace", "regex_search", "regex_findall",
                "regex_escape", "split", "join", "first", "last", "min", "max", "sum", "unique", "sort", "reverse", "list",
                "flatten", "union", "intersect", "difference", "symmetric_difference", "zip", "zip_longest", "product", "select",
                "reject", "selectattr", "rejectattr", "map", "dict2items", "items2dict", "combine", "to_json", "to_nice_json",
                "from_json", "to_yaml", "to_nice_yaml", "from_yaml", "b64encode", "b64decode", "basename", "dirname", "quote",
                "hash", "checksum", "version_compare", "ternary", "items", "abs", "round", "center", "indent", "wordcount",
                "batch", "slice", "groupby", "attr", "urlencode", "tojson", "e", "escape", "safe", "type_debug", "splitext",
                "comment", "extract", "subelements", "dictsort", "human_readable", "human_to_bytes");
        assertThat(LIB.testNames()).contains("defined", "undefined", "none", "string", "number", "integer", "float", "boolean",
                "mapping", "sequence", "iterable", "callable", "changed", "failed", "succeeded", "success", "skipped", "finished",
                "match", "search", "regex", "version", "version_compare", "in", "contains", "subset", "superset", "truthy", "falsy",
                "equalto", "eq", "==", "ne", "lt", "gt", "le", "ge", "odd", "even", "divisibleby", "lower", "upper", "sameas");
        assertThat(LIB.functionNames()).contains("range", "lookup", "query", "q", "dict", "now");
        assertThat(LIB.filter("password_hash")).isNull();
        assertThat(LIB.test("nope")).isNull();
        assertThat(LIB.function("eval")).isNull();
        assertThatThrownBy(() -> LIB.filterNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsUndefined_onlyForDefaultMandatoryAndTheDefinedTests() {
        for (String name : List.of("default", "d", "mandatory", "defined", "undefined")) assertThat(LIB.acceptsUndefined(name)).isTrue();
        for (String name : List.of("string", "length", "none", "bool", "list")) assertThat(LIB.acceptsUndefined(name)).isFalse();
    }

    @Test
    void default_andMandatory_onUndefined() {
        LibContext ctx = new LibContext();
        Undefined u = Undefined.name("x");
        assertThat(LIB.filter("default").apply(u, Args.of("fallback"), ctx)).isEqualTo("fallback");
        assertThat(LIB.filter("d").apply(u, Args.NONE, ctx)).isEqualTo("");
        assertThat(LIB.filter("default").apply("", new Args(List.of("f"), Map.of("boolean", true)), ctx)).isEqualTo("f");
        assertThatThrownBy(() -> LIB.filter("mandatory").apply(u, Args.NONE, ctx)).hasMessage("Mandatory variable 'x' not defined.");
        assertThatThrownBy(() -> LIB.filter("mandatory").apply(u, Args.of("set x!"), ctx)).hasMessage("set x!");
        assertThat(LIB.filter("mandatory").apply(5L, Args.NONE, ctx)).isEqualTo(5L);
        assertThat(LIB.test("defined").test(u, Args.NONE, ctx)).isFalse();
        assertThat(LIB.test("undefined").test(u, Args.NONE, ctx)).isTrue();
    }

    @Test
    void otherFilters_failOnUndefinedWithItsMessage() {
        assertThatThrownBy(() -> LIB.filter("upper").apply(Undefined.name("y"), Args.NONE, new LibContext()))
                .isInstanceOf(EvalException.class).hasMessage("'y' is undefined");
        assertThatThrownBy(() -> LIB.test("none").test(Undefined.name("y"), Args.NONE, new LibContext())).hasMessage("'y' is undefined");
    }

    @Test
    void firstOfEmpty_andMinOfEmpty_areUndefined_asJinjas() {
        assertThat(LIB.filter("first").apply(List.of(), Args.NONE, new LibContext())).isInstanceOf(Undefined.class);
        assertThat(LIB.filter("min").apply(List.of(), Args.NONE, new LibContext())).isInstanceOf(Undefined.class);
    }

    @Test
    void dictFunction_takesKeywordsAndPairs() {
        Function dict = LIB.function("dict");
        assertThat(dict.call(new Args(List.of(), Map.of("a", 1L)), new LibContext())).isEqualTo(Map.of("a", 1L));
        assertThat(dict.call(Args.of(List.of(List.of("k", "v"))), new LibContext())).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void everyFilterAndTest_givesOnlyModelValues_forOrdinaryInput() {
        LibContext ctx = new LibContext();
        for (String name : LIB.filterNames()) {
            for (Object input : List.of("a b", List.of("a", "b"), Map.of("k", "v"), 3L)) {
                Object out;
                try {
                    out = LIB.filter(name).apply(input, Args.NONE, ctx);
                } catch (EvalException expected) {
                    continue;
                }
                assertModel(out, name);
            }
        }
    }

    private static void assertModel(Object v, String where) {
        if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof String || v instanceof Undefined) return;
        if (v instanceof List<?> l) {
            for (Object e : l) assertModel(e, where);
            return;
        }
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertModel(e.getKey(), where);
                assertModel(e.getValue(), where);
            }
            return;
        }
        throw new AssertionError(where + " returned a " + v.getClass().getName());
    }
}
