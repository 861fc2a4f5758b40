package dev.rigger.engine.module;

import dev.rigger.spi.check.Suggest;
import dev.rigger.spi.Module;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/** Every module the run can call, by name and alias, with where it came from. */
public final class ModuleRegistry {

    /** A module and its origin ("built-in" or a jar path). */
    public record Entry(Module module, String origin) { }

    private static final String BUILTIN = "ansible.builtin.";
    private static final String LEGACY = "ansible.legacy.";

    private final Map<String, Entry> byName = new TreeMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> broken = new TreeMap<>();
    private Function<String, Optional<Path>> nearby = name -> Optional.empty();

    /** The modules on the class path of {@code loader}, found through {@link ServiceLoader}. */
    public static ModuleRegistry discover(ClassLoader loader) {
        ModuleRegistry r = new ModuleRegistry();
        for (Module m : ServiceLoader.load(Module.class, loader)) r.add(m, "built-in");
        return r;
    }

    public static ModuleRegistry of(Module... modules) {
        ModuleRegistry r = new ModuleRegistry();
        for (Module m : modules) r.add(m, "built-in");
        return r;
    }

    public void add(Module m, String origin) {
        Entry e = new Entry(m, origin);
        Entry old = byName.putIfAbsent(m.name(), e);
        if (old != null) {
            throw new IllegalArgumentException("module '" + m.name() + "' from " + origin
                    + " duplicates the one from " + old.origin());
        }
        for (String alias : aliases(m)) byName.putIfAbsent(alias, e);
        entries.add(e);
    }

    /**
     * A module's declared aliases plus, for each {@code ansible.builtin.X}, {@code ansible.legacy.X}:
     * Ansible resolves that name to the built-in when no local override exists, and a playbook
     * written with it should not need every module to say so.
     */
    public static List<String> aliases(Module m) {
        List<String> out = new ArrayList<>(m.aliases());
        for (String a : m.aliases()) {
            if (!a.startsWith(BUILTIN)) continue;
            String legacy = LEGACY + a.substring(BUILTIN.length());
            if (!out.contains(legacy)) out.add(legacy);
        }
        return out;
    }

    /** Whether {@code name} is a built-in module's name or alias. */
    public boolean isBuiltIn(String name) {
        Entry e = byName.get(name);
        return e != null && e.origin().equals("built-in");
    }

    /** Where to look for a jar that would provide an unknown name (only to say so in the error). */
    void lookNearby(Function<String, Optional<Path>> finder) {
        this.nearby = finder;
    }

    /**
     * Marks a name unusable (a duplicate, an invalid spec): loading goes on, and only a playbook
     * that calls the name fails, with {@code why}.
     */
    public void broken(String name, String why) {
        broken.put(name, why);
    }

    public Optional<Module> find(String name) {
        if (broken.containsKey(name)) return Optional.empty();
        return Optional.ofNullable(byName.get(name)).map(Entry::module);
    }

    /** The error text for a name that cannot be called: why it is broken, or a suggestion and what is known. */
    public String unknown(String name) {
        if (broken.containsKey(name)) return "module '" + name + "' cannot be used: " + broken.get(name);
        String hint = Suggest.hint(name, byName.keySet());
        if (hint.isEmpty()) {
            Optional<Path> jar = nearby.apply(name);
            if (jar.isPresent()) {
                return "unknown module '" + name + "': the jar " + jar.get() + " declares it, but no --modules option or modules/"
                        + " folder beside the playbook names it (pass --modules " + jar.get() + ", or copy it into modules/)";
            }
        }
        return "unknown module '" + name + "'" + hint + " (known: " + String.join(", ", primaryNames()) + ")";
    }

    public List<String> primaryNames() {
        return entries.stream().map(e -> e.module().name()).sorted().toList();
    }

    public Collection<Entry> entries() {
        return List.copyOf(entries);
    }
}
