package dev.rigger.modules.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rigger.spi.ModuleException;
import java.io.IOException;
import java.util.List;

/**
 * The JSON this family reads from {@code kubectl get -o json} and sends to {@code kubectl apply
 * -f -}. Objects become {@link java.util.LinkedHashMap}s, arrays lists, integers {@link Long}
 * (or {@link java.math.BigInteger}), other numbers {@link java.math.BigDecimal}: the types
 * {@link Yaml} gives a manifest's values, so the two compare equal.
 */
final class Json {
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private Json() { }

    static Object read(String text) {
        try (JsonParser p = MAPPER.createParser(text)) {
            Object v = MAPPER.readValue(p, Object.class);
            if (!text.substring((int) p.currentLocation().getCharOffset()).isBlank()) {
                throw error(p.currentLocation(), "unexpected text after the value");
            }
            return v;
        } catch (JsonProcessingException e) {
            throw error(e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModuleException("cannot read kubectl's JSON: " + e.getMessage());
        }
    }

    /** Every value of a stream of JSON documents one after the other (what {@code kubectl -o json} prints for several objects). */
    static List<Object> readAll(String text) {
        try (MappingIterator<Object> values = MAPPER.readerFor(Object.class).readValues(text)) {
            return values.readAll();
        } catch (JsonProcessingException e) {
            throw error(e.getLocation(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModuleException("cannot read kubectl's JSON: " + e.getMessage());
        }
    }

    /** Compact JSON of maps, lists, strings, numbers, booleans and null. */
    static String write(Object v) {
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + v.getClass().getName(), e);
        }
    }

    /** {@code s} as a JSON string, quotes and escapes included. */
    static String quote(String s) {
        return write(s);
    }

    private static ModuleException error(JsonLocation at, String what) {
        String line = what == null ? "" : what.lines().findFirst().orElse("");
        return new ModuleException("cannot read kubectl's JSON at line " + (at == null ? 0 : at.getLineNr())
                + ", column " + (at == null ? 0 : at.getColumnNr()) + ": " + line);
    }
}
