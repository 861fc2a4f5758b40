package dev.rigger.modules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void read_kubectlOutput() {
        Object v = Json.read("{\n  \"a\": [1, -2.5, true, false, null],\n  \"s\": \"x\\\"y\\n\\u00e9\",\n  \"o\": {}\n}\n");
        assertThat(v).isEqualTo(Map.of("a", Arrays.asList(1L, new BigDecimal("-2.5"), true, false, null), "s", "x\"y\né", "o", Map.of()));
    }

    @Test
    void write_thenRead_roundTrips() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("k", List.of("a\tb", 3, Map.of("n", "\u0001;$(x)")));
        m.put("z", null);
        assertThat(Json.read(Json.write(m))).isEqualTo(Json.read(Json.write(Json.read(Json.write(m)))));
        assertThat(Json.write(m)).isEqualTo("{\"k\":[\"a\\tb\",3,{\"n\":\"\\u0001;$(x)\"}],\"z\":null}");
    }

    @Test
    void read_garbage_isAModuleError() {
        assertThatThrownBy(() -> Json.read("{\"a\": }")).hasMessageContaining("cannot read kubectl's JSON");
        assertThatThrownBy(() -> Json.read("{} x")).hasMessageContaining("unexpected text");
    }
}
