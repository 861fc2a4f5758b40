package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.vault.VaultReader;
import dev.rigger.engine.yaml.YamlReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Reads a vars file ({@code vars_files}, a role's defaults and vars), decrypted if it is a vault. */
final class VarsFile {
    private final YamlReader yaml;
    private final VaultReader vault;

    VarsFile(YamlReader yaml, VaultReader vault) {
        this.yaml = yaml;
        this.vault = vault;
    }

    /** The file's variables; a vault's values are secrets from then on. */
    Map<String, Object> read(Path file, Location reference, Diagnostics diags) {
        Optional<String> raw = yaml.text(file, reference, diags);
        if (raw.isEmpty()) return Map.of();
        Map<String, Object> vars = vault.open(file, raw.get(), diags).flatMap(t -> yaml.read(file, t, diags))
                .map(v -> Nodes.vars(v, diags)).orElse(Map.of());
        if (VaultReader.isEncrypted(raw.get())) vault.learn(vars);
        return vault.inline(file, vars, diags);
    }

    /** Inline {@code !vault} values of a vars mapping written in {@code file}, decrypted. */
    Map<String, Object> inline(Path file, Map<String, Object> vars, Diagnostics diags) {
        return vault.inline(file, vars, diags);
    }
}
