package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.SourceText;
import dev.rigger.engine.vault.Vault;
import dev.rigger.engine.vault.VaultReader;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an inventory file, picks its format and hands it to the right parser. */
final class InventoryLoader {
    /** A first line like {@code all:} or {@code key: value}; INI lines never have "name:" then space or end. */
    private static final Pattern YAML_KEY = Pattern.compile("^[^\\s\\[\\]=#;]+:(\\s.*)?$");

    private InventoryLoader() {}

    /** Extensions and names Ansible skips in an inventory folder (its INVENTORY_IGNORE_EXTS and _PATTERNS). */
    private static final List<String> IGNORED = List.of(".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md", ".txt", ".rst",
            ".orig", ".ini", ".cfg", ".retry");

    static Inventory load(Path path, Diagnostics diags, VaultReader vault) {
        return load(List.of(path.toString()), diags, vault);
    }

    /**
     * Several sources, as ansible-playbook's repeated {@code -i}: a file, a folder (every inventory
     * file in it, sorted by name), or a host list {@code 'h1,h2,'}; group_vars/ and host_vars/ beside
     * each file (in each folder), the later source winning.
     */
    static Inventory load(List<String> sources, Diagnostics diags, VaultReader vault) {
        return load(sources, List.of(), diags, vault);
    }

    /** @param playbookDirs folders whose group_vars/ and host_vars/ beat the inventory's (Ansible's playbook-adjacent vars) */
    static Inventory load(List<String> sources, List<Path> playbookDirs, Diagnostics diags, VaultReader vault) {
        InventoryModel model = new InventoryModel();
        List<Path> bases = new ArrayList<>();
        Path first = null;
        for (String s : sources) {
            Path path = Path.of(s);
            if (!Files.exists(path) && s.contains(",")) {
                for (String h : s.split(",")) if (!h.isBlank()) model.addHost(h.strip(), GroupGraph.UNGROUPED, Location.NONE);
                continue;
            }
            if (first == null) first = path;
            if (Files.isDirectory(path)) {
                bases.add(path);
                for (Path f : filesIn(path, diags)) model.mergeFrom(parse(f, diags), diags);
            } else {
                bases.add(path.getParent() == null ? Path.of("") : path.getParent());
                model.mergeFrom(parse(path, diags), diags);
            }
        }
        List<Path> varsDirs = new ArrayList<>(bases);
        for (Path p : playbookDirs) {
            // the same folder twice would read its files twice to the same end
            if (varsDirs.stream().noneMatch(b -> b.toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize()))) varsDirs.add(p);
        }
        Inventory inv = VarsMerger.resolve(model, bases, varsDirs, diags, vault);
        return first == null ? inv : inv.from(first);
    }

    private static List<Path> filesIn(Path dir, Diagnostics diags) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && IGNORED.stream().noneMatch(n::endsWith);
            }).sorted().toList();
        } catch (IOException e) {
            diags.error(Location.of(dir, 0, 0), "cannot list inventory folder: " + e.getMessage());
            return List.of();
        }
    }

    private static InventoryModel parse(Path path, Diagnostics diags) {
        Location fileAt = Location.of(path, 0, 0);
        if (!Files.exists(path)) {
            diags.error(fileAt, "inventory file not found");
            return new InventoryModel();
        }
        Optional<String> t = SourceText.read(path, null, diags);
        if (t.isEmpty()) return new InventoryModel();
        String text = t.get();
        if (text.startsWith("$ANSIBLE_VAULT") || Vault.isEncrypted(text)) {
            // host names and addresses are no secrets; secrets belong in group_vars/ and host_vars/
            diags.error(Location.of(path, 1, 1), "vault-encrypted inventories are not supported; encrypt files in group_vars/ or host_vars/ instead");
            return new InventoryModel();
        }
        if (text.startsWith("#!") && Files.isExecutable(path)) {
            // Ansible runs it (its script plugin); read as INI it would only give a parse error far from the cause
            diags.error(Location.of(path, 1, 1), "an executable inventory script: Rigger does not run inventory scripts; write what it"
                    + " gives to a file and give that file: ansible-inventory -i " + path + " --list -y > inventory.yml");
            return new InventoryModel();
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return isYaml(path, text) ? YamlInventoryParser.parse(path, text, diags)
                : IniInventoryParser.parse(path, text, diags);
    }

    static boolean isYaml(Path path, String text) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json")) return true;
        if (name.endsWith(".ini")) return false;
        for (String line : text.split("\r?\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
            return t.startsWith("---") || t.startsWith("{") || YAML_KEY.matcher(t).matches();
        }
        return false;
    }
}
