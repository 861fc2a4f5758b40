package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** from_yaml / from_yaml_all: YAML 1.1 safe loading (yes/no are booleans, as PyYAML reads them). */
final class YamlLoader {
    private YamlLoader() {}

    static Object load(Object in, boolean all) {
        Object v = Vals.defined(in);
        if (!(v instanceof String s)) return v;
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(4 << 20);
        options.setAllowDuplicateKeys(true);
        Yaml yaml = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, new PyYamlResolver());
        try {
            if (!all) return plain(yaml.load(s), 0);
            List<Object> docs = new ArrayList<>();
            for (Object d : yaml.loadAll(s)) docs.add(plain(d, 0));
            return docs;
        } catch (YAMLException e) {
            throw new EvalException("from_yaml: " + e.getMessage());
        }
    }

    private static Object plain(Object v, int depth) {
        if (depth > 200) throw new EvalException("YAML nested deeper than 200 levels");
        if (v == null || v instanceof String || v instanceof Boolean) return v;
        if (v instanceof Number) return Py.norm(v);
        if (v instanceof java.util.Date d) return d.toInstant().toString();
        if (v instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object e : l) out.add(plain(e, depth + 1));
            return out;
        }
        if (v instanceof java.util.Set<?> set) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object e : set) out.put(plain(e, depth + 1), null);
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(plain(e.getKey(), depth + 1), plain(e.getValue(), depth + 1));
            return out;
        }
        return String.valueOf(v);
    }
}
