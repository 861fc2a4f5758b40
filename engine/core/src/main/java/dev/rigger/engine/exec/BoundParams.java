package dev.rigger.engine.exec;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@link Params} after binding: converted values, and files resolved beside the playbook. */
record BoundParams(Map<String, Object> values, Path baseDir) implements Params {

    @Override
    public byte[] localFile(String name) {
        Path p = baseDir.resolve(name);
        if (!Files.isRegularFile(p)) p = baseDir.resolve("files").resolve(name);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new ModuleException("cannot read local file '" + name + "' (looked in " + baseDir + " and its files/ folder)");
        }
    }
}
