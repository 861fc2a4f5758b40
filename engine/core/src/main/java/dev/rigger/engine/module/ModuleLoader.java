package dev.rigger.engine.module;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.spi.Module;
import java.io.IOException;
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
 * {@link ModuleRegistry#broken}).
 */
public final class ModuleLoader {
    private final ClassLoader rigger;

    public ModuleLoader(ClassLoader rigger) {
        this.rigger = rigger;
    }

    public ModuleRegistry load(List<Path> sources, Diagnostics diags) {
        ModuleRegistry registry = ModuleRegistry.discover(rigger);
        for (Path jar : jars(sources, diags)) loadJar(jar, registry, diags);
        return registry;
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
