package dev.rigger.engine.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Undefined;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** callMethod and attr reach only the allow-list: no Java member and no Python dunder, on any value. */
class MethodsSafetyTest {
    private static final Library LIB = Library.standard();
    private static final List<String> FORBIDDEN = List.of("getClass", "__class__", "forName", "exec", "getRuntime", "hashCode",
            "toString", "equals", "wait", "notify", "clone", "finalize", "__init__", "__globals__", "__subclasses__", "mro",
            "__dict__", "__getattribute__", "getDeclaredMethods", "newInstance", "invoke", "load", "system", "compile",
            "put", "clear", "add", "remove", "update", "pop", "append", "setdefault", "sort", "chars", "getBytes", "");

    private static List<Object> everyType() {
        Map<Object, Object> dict = new LinkedHashMap<>();
        dict.put("a", 1L);
        return Arrays.asList("text", dict, new ArrayList<>(List.of(1L, 2L)), 5L, 2.5, true, null);
    }

    @Test
    void callMethod_refusesJavaAndDunderNames_onEveryValueType() {
        for (Object receiver : everyType()) {
            for (String name : FORBIDDEN) {
                assertThat(LIB.hasMethod(receiver, name)).as("%s.%s", receiver, name).isFalse();
                assertThatThrownBy(() -> LIB.callMethod(receiver, name, Args.NONE, new LibContext()))
                        .as("%s.%s()", receiver, name)
                        .isInstanceOf(EvalException.class)
                        .hasMessageContaining("object has no attribute '" + name + "'");
            }
        }
    }

    @Test
    void callMethod_wordsTheRefusalAsPython() {
        assertThatThrownBy(() -> LIB.callMethod("x", "getClass", Args.NONE, new LibContext()))
                .hasMessage("'str' object has no attribute 'getClass'");
        assertThatThrownBy(() -> LIB.callMethod(Map.of(), "exec", Args.NONE, new LibContext()))
                .hasMessage("'dict' object has no attribute 'exec'");
        assertThatThrownBy(() -> LIB.callMethod(3L, "forName", Args.of("java.lang.Runtime"), new LibContext()))
                .hasMessage("'int' object has no attribute 'forName'");
    }

    @Test
    void callMethod_onUndefined_failsWithTheUndefinedMessage() {
        assertThatThrownBy(() -> LIB.callMethod(Undefined.name("x"), "split", Args.NONE, new LibContext()))
                .isInstanceOf(EvalException.class).hasMessage("'x' is undefined");
    }

    @Test
    void allowedMethods_work() {
        LibContext ctx = new LibContext();
        assertThat(LIB.callMethod("a,b", "split", Args.of(","), ctx)).isEqualTo(List.of("a", "b"));
        assertThat(LIB.callMethod(Map.of("k", 1L), "get", Args.of("x", 7L), ctx)).isEqualTo(7L);
        assertThat(LIB.callMethod(new ArrayList<>(List.of(1L, 2L)), "index", Args.of(2L), ctx)).isEqualTo(1L);
        assertThat(LIB.hasMethod("x", "startswith")).isTrue();
        assertThat(LIB.hasMethod(Map.of(), "items")).isTrue();
        assertThat(LIB.hasMethod(List.of(), "count")).isTrue();
        assertThat(LIB.hasMethod(5L, "count")).isFalse();
    }

    @Test
    void format_refusesAttributeAndIndexAccessInFields() {
        for (String fmt : List.of("{0.__class__}", "{.__class__.__mro__}", "{0[0]}", "{x.y}", "{x[__globals__]}")) {
            assertThatThrownBy(() -> LIB.callMethod(fmt, "format", new Args(List.of("a"), Map.of("x", "b")), new LibContext()))
                    .as(fmt).isInstanceOf(EvalException.class).hasMessageContaining("may not access attributes or items");
        }
    }

    @Test
    void attrFilter_readsPlainDictKeysOnly() {
        Filter attr = LIB.filter("attr");
        LibContext ctx = new LibContext();
        assertThat(attr.apply(Map.of("k", 1L), Args.of("k"), ctx)).isEqualTo(1L);
        for (Object receiver : everyType()) {
            for (String name : List.of("getClass", "__class__", "items", "upper")) {
                Object v = attr.apply(receiver, Args.of(name), ctx);
                assertThat(v).as("%s|attr(%s)", receiver, name).isInstanceOf(Undefined.class);
            }
        }
    }
}
