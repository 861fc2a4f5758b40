package dev.rigger.testkit;

import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Params for unit tests: values as a module would receive them after the engine bound them
 * (defaults filled in; values given here must already have the declared type, e.g. a mode as an
 * int). Local files and templates come from maps.
 */
public final class TestParams implements Params {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private java.nio.file.Path playbookDir;

    public static TestParams of(ParamSpec spec, Object... kv) {
        TestParams p = new TestParams();
        for (Param param : spec.params()) if (param.defaultValue() != null) p.values.put(param.name(), param.defaultValue());
        for (int i = 0; i < kv.length; i += 2) p.values.put((String) kv[i], kv[i + 1]);
        return p;
    }

    public TestParams localFile(String name, String content) {
        return localFile(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A local file of any bytes (an archive, a binary). */
    public TestParams localFile(String name, byte[] content) {
        files.put(name, content);
        return this;
    }

    /** The folder relative controller paths (fetch's dest) resolve against, as the playbook's folder; the working folder by default. */
    public TestParams playbookDir(java.nio.file.Path dir) {
        this.playbookDir = dir;
        return this;
    }

    @Override
    public String controllerPath(String name) {
        return playbookDir == null ? Params.super.controllerPath(name) : playbookDir.resolve(name).toAbsolutePath().normalize().toString();
    }

    @Override
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public byte[] localFile(String name) {
        byte[] c = files.get(name);
        if (c == null) throw new dev.rigger.spi.ModuleException("no local file " + name);
        return c;
    }

    @Override
    public String template(String name) {
        byte[] c = files.get(name);
        if (c == null) throw new dev.rigger.spi.ModuleException("no template " + name);
        return new String(c, StandardCharsets.UTF_8);
    }
}
