package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** with_* lookups; the expected items are what ansible-core 2.14's lookup plugins return for the same terms. */
class LoopLookupsTest {
    @Test
    void items_flattenOneLevel_listDoesNot() {
        List<Object> terms = List.of(1L, List.of(2L, List.of(3L)), "s");
        assertThat(LoopLookups.items("items", terms)).isEqualTo(List.of(1L, 2L, List.of(3L), "s"));
        assertThat(LoopLookups.items("list", terms)).isEqualTo(terms);
        assertThat(LoopLookups.items("items", "one")).isEqualTo(List.of("one"));
        assertThat(LoopLookups.items("flattened", terms)).isEqualTo(List.of(1L, 2L, 3L, "s"));
        assertThat(LoopLookups.items("indexed_items", List.of("a", List.of("b", "c"))))
                .isEqualTo(List.of(List.of(0L, "a"), List.of(1L, "b"), List.of(2L, "c")));
    }

    @Test
    void dict_nested_together() {
        assertThat(LoopLookups.items("dict", new java.util.LinkedHashMap<>(Map.of("a", 1L))))
                .isEqualTo(List.of(Map.of("key", "a", "value", 1L)));
        assertThatThrownBy(() -> LoopLookups.items("dict", List.of(1L))).hasMessage("with_dict expects a dict, got a list");
        assertThat(LoopLookups.items("nested", List.of(List.of(1L, 2L), List.of("a", "b"))))
                .isEqualTo(List.of(List.of(1L, "a"), List.of(1L, "b"), List.of(2L, "a"), List.of(2L, "b")));
        assertThat(LoopLookups.items("together", List.of(List.of(1L, 2L, 3L), List.of("a", "b"))))
                .isEqualTo(List.of(List.of(1L, "a"), List.of(2L, "b"), Arrays.asList(3L, null)));
    }

    @Test
    void subelements_pairEachMappingWithItsSubItems() {
        Map<String, Object> x = Map.of("n", "x", "k", List.of(1L, 2L));
        Map<String, Object> y = Map.of("n", "y", "k", List.of(3L));
        Map<String, Object> z = Map.of("n", "z");
        assertThat(LoopLookups.items("subelements", List.of(List.of(x, y), "k")))
                .isEqualTo(List.of(List.of(x, 1L), List.of(x, 2L), List.of(y, 3L)));
        assertThatThrownBy(() -> LoopLookups.items("subelements", List.of(List.of(x, z), "k"))).hasMessageContaining("could not find 'k' key");
        assertThat(LoopLookups.items("subelements", List.of(List.of(x, z), "k", Map.of("skip_missing", true))))
                .isEqualTo(List.of(List.of(x, 1L), List.of(x, 2L)));
    }

    @Test
    void sequence_asAnsible() {
        assertThat(LoopLookups.items("sequence", "start=1 end=5 stride=2 format=h%02d")).isEqualTo(List.of("h01", "h03", "h05"));
        assertThat(LoopLookups.items("sequence", "count=3")).isEqualTo(List.of("1", "2", "3"));
        assertThat(LoopLookups.items("sequence", "4-8/2:host%02d")).isEqualTo(List.of("host04", "host06", "host08"));
        assertThat(LoopLookups.items("sequence", "start=0x0a end=0x0c format=%x")).isEqualTo(List.of("a", "b", "c"));
        assertThatThrownBy(() -> LoopLookups.items("sequence", "start=5 end=1")).hasMessageContaining("stride negative");
        assertThatThrownBy(() -> LoopLookups.items("sequence", "end=10000000")).hasMessageContaining("more than");
    }

    /** Every with_ lookup the loader accepts is made here or by a lookup plugin of the expression library, under its routed names too. */
    @Test
    void everyAcceptedWithLoop_hasItsMaker() {
        for (String l : dev.rigger.engine.model.LoopControl.LOOKUPS) {
            assertThat(LoopLookups.LOOKUPS.contains(l) || dev.rigger.engine.expr.WithLookup.names().contains(l)).as(l).isTrue();
        }
        assertThat(dev.rigger.engine.model.LoopControl.lookup("community.general.flattened")).isEqualTo("flattened");
        assertThat(dev.rigger.engine.model.LoopControl.lookup("ansible.builtin.first_found")).isEqualTo("first_found");
        assertThat(dev.rigger.engine.model.LoopControl.lookup("password")).isNull();
        assertThat(Preparations.lookupSubdir("ansible.builtin.include_vars")).isEqualTo("vars");
        assertThat(Preparations.lookupSubdir("template")).isEqualTo("templates");
        assertThat(Preparations.lookupSubdir("copy")).isEqualTo("files");
    }
}
