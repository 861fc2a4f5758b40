package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.module.ModuleRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every built-in module has a page in docs/modules/ whose parameter table and names match its declared spec. */
class ModuleDocsTest {
    @Test
    void everyModule_hasADocPage_withItsCurrentParameterTable() throws IOException {
        Path docs = Path.of(System.getProperty("rigger.root", "../..")).resolve("docs/modules");
        for (ModuleRegistry.Entry e : ModuleRegistry.discover(getClass().getClassLoader()).entries()) {
            Path page = docs.resolve(e.module().name() + ".md");
            assertThat(page).as("doc page of " + e.module().name()).exists();
            String text = Files.readString(page);
            ModuleDoc.markdown(e.module()).lines().filter(l -> l.startsWith("| ") || l.startsWith("Also called: ")).forEach(row ->
                    assertThat(text).as(page + " must carry the spec's row (regenerate with: rigger doc " + e.module().name() + ")")
                            .contains(row));
        }
    }
}
