package dev.rigger.modules.services;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A unit's properties as {@code systemctl show} prints them, read as Ansible's systemd module reads them. */
record UnitShow(Map<String, String> properties) {
    /** UnitFileState words that mean "starts at boot" (is-enabled exits 0 for them; indirect and alias do not count, as in Ansible). */
    private static final Set<String> ENABLED = Set.of("enabled", "enabled-runtime", "static", "generated", "linked", "linked-runtime");

    static UnitShow parse(String text) {
        Map<String, String> props = new LinkedHashMap<>();
        text.lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) props.put(l.substring(0, eq), l.substring(eq + 1));
        });
        return new UnitShow(props);
    }

    String get(String key) {
        return properties.getOrDefault(key, "");
    }

    /** Whether systemd has the unit (a unit file, or masked). */
    boolean found() {
        return get("LoadState").equals("loaded") || masked();
    }

    boolean masked() {
        return get("LoadState").equals("masked") || get("UnitFileState").equals("masked");
    }

    /** Ansible's is_running_service: active or activating. */
    boolean running() {
        return get("ActiveState").equals("active") || get("ActiveState").equals("activating");
    }

    boolean enabled() {
        return ENABLED.contains(get("UnitFileState"));
    }

    boolean needsReload() {
        return get("NeedDaemonReload").equals("yes");
    }
}
