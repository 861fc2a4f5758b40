package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.SourceText;
import dev.rigger.engine.vault.Vault;
import dev.rigger.engine.vault.VaultReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads an inventory file, picks its format and hands it to the right parser. */
final class InventoryLoader {
    /** A first line like {@code all:} or {@code key: value}; INI lines never have "name:" then space or end. */
    private static final Pattern YAML_KEY = Pattern.compile("^[^\\s\\[\\]=#;]+:(\\s.*)?$");

    private InventoryLoader() {}

    static Inventory load(Path path, Diagnostics diags, VaultReader vault) {
        Path base = path.getParent() == null ? Path.of("") : path.getParent();
        InventoryModel model = parse(path, diags);
        return VarsMerger.resolve(model, base, diags, vault).from(path);
    }

    private static InventoryModel parse(Path path, Diagnostics diags) {
        Location fileAt = Location.of(path, 0, 0);
        if (Files.isDirectory(path)) {
            diags.error(fileAt, "inventory is a directory; give the inventory file itself");
            return new InventoryModel();
        }
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
