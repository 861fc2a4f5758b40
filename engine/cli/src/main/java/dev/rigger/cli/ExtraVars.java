package dev.rigger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code -e} as ansible-playbook takes it: {@code k=v k2=v2}, an inline JSON/YAML mapping, or {@code @file}. */
final class ExtraVars {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ExtraVars() { }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String arg, CommandSpec spec) {
        try {
            if (arg.startsWith("@")) {
                Object v = YAML.readValue(Files.readString(Path.of(arg.substring(1))), Object.class);
                if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
                throw new ParameterException(spec.commandLine(), "-e " + arg + ": the file must hold a mapping");
            }
            String t = arg.trim();
            if (t.startsWith("{")) return YAML.readValue(t, Map.class);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "-e " + arg + ": " + e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String kv : arg.trim().split("\\s+")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new ParameterException(spec.commandLine(), "-e expects k=v, a mapping or @file, got '" + kv + "'");
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }
}
