package dev.rigger.engine.module;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.spi.Module;
import dev.rigger.spi.check.SpecCheck;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Finds modules: the built-ins on Rigger's class path, then every jar given with
 * {@code --modules} or lying in a {@code modules/} folder beside the playbook. Each jar gets its
 * own class loader that sees only the SPI and the JDK, so its dependencies cannot clash with
 * Rigger's. A broken jar never takes the engine down: it becomes a warning naming the jar, and
 * the names it makes unusable fail only the playbooks that call them (see
 * {@link ModuleRegistry#broken}). The same jar reached twice (by {@code --modules} and from
 * {@code modules/}, the usual loop while writing one) is loaded once, known by its checksum; a jar
 * module named like a built-in is refused with a warning and the built-in stays callable.
 */
public final class ModuleLoader {
    private final ClassLoader rigger;

    public ModuleLoader(ClassLoader rigger) {
        this.rigger = rigger;
    }

    public ModuleRegistry load(List<Path> sources, Diagnostics diags) {
        return load(sources, List.of(), diags);
    }

    /**
     * @param nearby folders (the playbooks', the working one) searched for a jar that declares a
     *               module no loaded jar has, only to name it in the error
     */
    public ModuleRegistry load(List<Path> sources, List<Path> nearby, Diagnostics diags) {
        ModuleRegistry registry = ModuleRegistry.discover(rigger);
        Map<String, Path> seen = new HashMap<>();
        for (Path jar : jars(sources, diags)) {
            String sum = checksum(jar);
            if (sum != null && seen.putIfAbsent(sum, jar) != null) continue;
            loadJar(jar, registry, diags);
        }
        registry.lookNearby(name -> NearbyJars.providing(name, nearby, seen.values(), this::names));
        return registry;
    }

    /** The names of the modules a jar declares, loaded apart and thrown away; empty when it cannot load. */
    List<String> names(Path jar) {
        ModuleRegistry alone = new ModuleRegistry();
        loadJar(jar, alone, new Diagnostics());
        return alone.entries().stream().map(e -> e.module().name()).toList();
    }

    private static String checksum(Path jar) {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** Every jar named, or lying in a folder named; a missing path is a warning. */
    private static List<Path> jars(List<Path> sources, Diagnostics diags) {
        List<Path> out = new ArrayList<>();
        for (Path s : sources) {
            if (Files.isDirectory(s)) {
                try (Stream<Path> files = Files.list(s)) {
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(out::add);
                } catch (IOException e) {
                    diags.warning(at(s), "cannot list modules folder: " + e.getMessage());
                }
            } else if (Files.isRegularFile(s)) {
                out.add(s);
            } else {
                diags.warning(at(s), "no such module jar or folder");
            }
        }
        return out;
    }

    private void loadJar(Path jar, ModuleRegistry registry, Diagnostics diags) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            if (z.getEntry("META-INF/services/" + Module.class.getName()) == null) {
                diags.warning(at(jar), "declares no module (no META-INF/services/" + Module.class.getName() + ")");
                return;
            }
        } catch (IOException e) {
            diags.warning(at(jar), "not a jar file: " + e.getMessage());
            return;
        }
        ClassLoader loader;
        try {
            loader = new URLClassLoader("modules:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, new SpiOnly(rigger));
        } catch (MalformedURLException e) {
            diags.warning(at(jar), "cannot load: " + e.getMessage());
            return;
        }
        Iterator<Module> it = ServiceLoader.load(Module.class, loader).iterator();
        while (true) {
            Module m;
            try {
                if (!it.hasNext()) break;
                m = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                diags.warning(at(jar), "cannot load a module: " + rootMessage(e));
                continue;
            }
            add(jar, m, registry, diags);
        }
    }

    private static void add(Path jar, Module m, ModuleRegistry registry, Diagnostics diags) {
        List<String> problems = SpecCheck.problems(m);
        String name = safeName(m);
        if (!problems.isEmpty()) {
            String why = jar + ": module '" + name + "' has an invalid spec: " + String.join("; ", problems);
            diags.warning(at(jar), why.substring(jar.toString().length() + 2));
            if (name != null) registry.broken(name, why);
            return;
        }
        if (registry.isBuiltIn(name)) {
            diags.warning(at(jar), "module '" + name + "' is not loaded: a built-in module has that name, and it stays the one"
                    + " called (rename the jar's module)");
            return;
        }
        try {
            registry.add(m, jar.toString());
        } catch (IllegalArgumentException e) {
            diags.warning(at(jar), e.getMessage());
            registry.broken(m.name(), jar + ": " + e.getMessage());
        }
    }

    private static String safeName(Module m) {
        try {
            return m.name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return e.getMessage() + (t != e ? " (" + t + ")" : "");
    }

    private static Location at(Path p) {
        return new Location(p.toString(), 0, 0);
    }

    /** A parent that shows a module jar the SPI and the JDK only, never Rigger's own libraries. */
    private static final class SpiOnly extends ClassLoader {
        private final ClassLoader rigger;

        SpiOnly(ClassLoader rigger) {
            super("rigger-spi-only", ClassLoader.getPlatformClassLoader());
            this.rigger = rigger;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.rigger.spi.")) return rigger.loadClass(name);
            return super.loadClass(name, resolve);
        }
    }
}
