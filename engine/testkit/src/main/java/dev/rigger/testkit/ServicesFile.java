package dev.rigger.testkit;

import dev.rigger.spi.Module;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The check the engine's loading makes of a module class: its {@code META-INF/services} file
 * names it, and {@link ServiceLoader} makes one from it. A typo there passes every plan test
 * and leaves the jar without the module.
 */
final class ServicesFile {
    static final String PATH = "META-INF/services/" + Module.class.getName();

    private ServicesFile() { }

    /** Null when {@code type} is registered and loads; else what differed. */
    static String problem(Class<? extends Module> type) {
        ClassLoader loader = type.getClassLoader();
        List<String> named = new ArrayList<>();
        List<URL> files;
        try {
            files = Collections.list(loader.getResources(PATH));
            for (URL u : files) named.addAll(names(u));
        } catch (IOException e) {
            return "cannot read " + PATH + ": " + e;
        }
        if (files.isEmpty()) return "no " + PATH + " on the class path: add one naming " + type.getName();
        if (!named.contains(type.getName())) return PATH + " names " + named + " but not " + type.getName();
        try {
            for (Module m : ServiceLoader.load(Module.class, loader)) if (m.getClass() == type) return null;
        } catch (ServiceConfigurationError e) {
            return PATH + " names " + type.getName() + " but it does not load: " + e.getMessage();
        }
        return PATH + " names " + type.getName() + " but ServiceLoader does not make it";
    }

    /** The class names a services file lists: one a line, '#' comments and blanks left out. */
    private static List<String> names(URL file) throws IOException {
        try (InputStream in = file.openStream()) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String n = line.replaceFirst("#.*", "").strip();
                if (!n.isEmpty()) out.add(n);
            }
            return out;
        }
    }
}
