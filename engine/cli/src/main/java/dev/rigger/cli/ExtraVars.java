package dev.rigger.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.vault.Vault;
import dev.rigger.engine.vault.VaultReader;
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

    static Map<String, Object> parse(String arg, CommandSpec spec) {
        return parse(arg, spec, VaultReader.none());
    }

    /** As above; an {@code @file} may be a vault file (its values are then secrets), or hold encrypted values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String arg, CommandSpec spec, VaultReader vault) {
        try {
            if (arg.startsWith("@")) {
                Path file = Path.of(arg.substring(1));
                String raw = Files.readString(file);
                Diagnostics d = new Diagnostics();
                String text = vault.open(file, raw, d).orElse(null);
                if (text == null) throw new ParameterException(spec.commandLine(), "-e " + d.list().get(0));
                Object v = YAML.readValue(text, Object.class);
                if (v == null && Vault.isEncrypted(raw)) v = Map.of();
                if (!(v instanceof Map<?, ?>)) throw new ParameterException(spec.commandLine(), "-e " + arg + ": the file must hold a mapping");
                Map<String, Object> vars = (Map<String, Object>) v;
                if (Vault.isEncrypted(raw)) vault.learn(vars);
                vars = vault.inline(file, vars, d);
                if (d.hasErrors()) throw new ParameterException(spec.commandLine(), "-e " + d.list().get(0));
                return vars;
            }
            String t = arg.trim();
            if (t.startsWith("{")) return YAML.readValue(t, Map.class);
        } catch (IOException e) {
            // never the parser's message: it may quote a line of a decrypted file
            throw new ParameterException(spec.commandLine(), "-e " + arg + ": " + (arg.startsWith("@") ? "cannot read it as YAML" : e.getMessage()));
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
