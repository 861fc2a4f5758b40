package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.SourceText;
import dev.rigger.engine.vault.VaultReader;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code group_vars/} and {@code host_vars/} beside the inventory, found as Ansible's
 * host_group_vars plugin finds them: the first of {@code <name>} (file or folder),
 * {@code <name>.yml}, {@code <name>.yaml}, {@code <name>.json}. A folder contributes every
 * such file below it, sorted by path, hidden and backup ({@code ~}) files skipped.
 */
final class VarsFiles {
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    private final Path dir;
    private final Diagnostics diags;
    private final VaultReader vault;

    private VarsFiles(Path dir, Diagnostics diags, VaultReader vault) {
        this.dir = dir;
        this.diags = diags;
        this.vault = vault;
    }

    static VarsFiles groupVars(Path inventoryDir, Diagnostics diags, VaultReader vault) {
        return new VarsFiles(inventoryDir.resolve("group_vars"), diags, vault);
    }

    static VarsFiles hostVars(Path inventoryDir, Diagnostics diags, VaultReader vault) {
        return new VarsFiles(inventoryDir.resolve("host_vars"), diags, vault);
    }

    /** The merged vars of every file for {@code name}, later files overriding earlier ones; empty if none. */
    Map<String, Object> load(String name) {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (!Files.isDirectory(dir) || name.contains("/") || name.startsWith(".")) return vars;
        for (Path f : find(name)) vars.putAll(read(f));
        return vars;
    }

    private List<Path> find(String name) {
        for (String ext : EXTENSIONS) {
            Path p = dir.resolve(name + ext);
            if (Files.isDirectory(p)) return filesUnder(p);
            if (Files.isRegularFile(p)) return List.of(p);
        }
        return List.of();
    }

    private List<Path> filesUnder(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(VarsFiles::isVarsFile).sorted().toList();
        } catch (IOException e) {
            diags.error(Location.of(folder, 0, 0), "cannot list vars folder: " + e.getMessage());
            return List.of();
        }
    }

    private static boolean isVarsFile(Path p) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || n.endsWith("~")) return false;
        int dot = n.lastIndexOf('.');
        return dot < 0 || EXTENSIONS.contains(n.substring(dot));
    }

    /**
     * One vars file: must be a mapping (or empty); anything else is reported, not thrown. A vault
     * file is decrypted, and its values are secrets from then on.
     */
    static Map<String, Object> read(Path f, Diagnostics diags, VaultReader vault) {
        Optional<String> t = SourceText.read(f, null, diags);
        if (t.isEmpty()) return Map.of();
        String raw = t.get();
        Map<String, Object> vars = vault.open(f, raw, diags).map(text -> parse(f, text, diags)).orElse(Map.of());
        if (VaultReader.isEncrypted(raw)) vault.learn(vars);
        return vault.inline(f, vars, diags);
    }

    private static Map<String, Object> parse(Path f, String text, Diagnostics diags) {
        return new YamlReader(YamlReader.DuplicateKeys.WARN_LAST_WINS).read(f, text, diags).map(node -> {
            if (node.isNull()) return Map.<String, Object>of();
            if (!(node instanceof YNode.Mapping)) {
                diags.error(node.location(), "vars file must be a mapping of variable names to values, found " + node.kind());
                return Map.<String, Object>of();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) node.plain();
            return vars;
        }).orElse(Map.of());
    }

    private Map<String, Object> read(Path f) {
        return read(f, diags, vault);
    }
}
