package dev.rigger.cli;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.SourceText;
import dev.rigger.engine.module.FreeForm;
import dev.rigger.engine.vault.VaultReader;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code -e} as ansible-playbook takes it: {@code k=v k2=v2}, an inline JSON/YAML mapping, or {@code @file}. */
final class ExtraVars {
    private ExtraVars() { }

    static Map<String, Object> parse(String arg, CommandSpec spec) {
        return parse(arg, spec, VaultReader.none());
    }

    /** As above; an {@code @file} may be a vault file (its values are then secrets), or hold encrypted values. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String arg, CommandSpec spec, VaultReader vault) {
        if (arg.startsWith("@")) return file(Path.of(arg.substring(1)), spec, vault);
        if (arg.trim().startsWith("{")) {
            Diagnostics d = new Diagnostics();
            Optional<YNode> node = new YamlReader().read(Path.of("-e"), arg.trim(), d);
            if (node.isEmpty()) throw new ParameterException(spec.commandLine(), "-e " + arg + ": " + d.list().get(0).message());
            return (Map<String, Object>) node.get().plain();
        }
        Map<String, Object> out = new LinkedHashMap<>(FreeForm.keyValues(arg.trim()));
        Object rest = out.remove("_raw");
        if (rest != null) throw new ParameterException(spec.commandLine(), "-e expects k=v, a mapping or @file, got '" + rest + "'");
        return out;
    }

    /** {@code @file}: read as every vars file is (limits, aliases), through the vault when it is one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> file(Path file, CommandSpec spec, VaultReader vault) {
        Diagnostics d = new Diagnostics();
        String raw = SourceText.read(file, null, d).orElse(null);
        String text = raw == null ? null : vault.open(file, raw, d).orElse(null);
        if (text == null) throw new ParameterException(spec.commandLine(), "-e " + d.list().get(0));
        Optional<YNode> node = new YamlReader(YamlReader.DuplicateKeys.WARN_LAST_WINS).read(file, text, d);
        if (node.isEmpty()) {
            // never the parser's message when decrypted: it may quote a line of the plain text
            throw new ParameterException(spec.commandLine(), "-e @" + file + ": "
                    + (VaultReader.isEncrypted(raw) ? "cannot read it as YAML" : d.list().get(0).toString()));
        }
        Object v = node.get().plain();
        if (v == null && VaultReader.isEncrypted(raw)) v = new LinkedHashMap<String, Object>();
        if (!(v instanceof Map<?, ?>)) throw new ParameterException(spec.commandLine(), "-e @" + file + ": the file must hold a mapping");
        Map<String, Object> vars = (Map<String, Object>) v;
        if (VaultReader.isEncrypted(raw)) vault.learn(vars);
        vars = vault.inline(file, vars, d);
        if (d.hasErrors()) throw new ParameterException(spec.commandLine(), "-e " + d.list().get(0));
        return vars;
    }
}
