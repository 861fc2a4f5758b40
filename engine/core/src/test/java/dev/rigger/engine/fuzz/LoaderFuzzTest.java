package dev.rigger.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostic;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The playbook and inventory loaders fed mutated and random text: they never throw, and every
 * rejection is a diagnostic with a location in the file. {@code -Drigger.fuzz.tries=N} runs
 * longer (CI runs the default).
 */
class LoaderFuzzTest {
    private static final String SEED = """
            - name: base
              hosts: all
              vars: {a: 1, b: "{{ a }}"}
              tasks:
                - name: t
                  file: {path: /tmp/x, state: touch, mode: "0644"}
                  when: a == 1
                  loop: [1, 2]
                  notify: h
                - command: echo hi creates=/tmp/y
                  register: r
              handlers:
                - name: h
                  shell: "true"
            """;
    private static final String INI = "[master]\nm ansible_host=127.0.0.1 x=1\n[workers]\nw[1:3]\n[k8s:children]\nmaster\nworkers\n[all:vars]\ny='z'\n";
    private static Path dir;

    @BeforeContainer
    static void dir() throws IOException {
        dir = Files.createTempDirectory("rigger-fuzz");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> mutatedPlaybook() {
        return mutations(SEED);
    }

    @Provide
    Arbitrary<String> mutatedInventory() {
        return mutations(INI);
    }

    /** The seed with a span replaced by random characters, YAML's own punctuation over-represented. */
    private static Arbitrary<String> mutations(String seed) {
        Arbitrary<String> junk = Arbitraries.strings().withChars("-:{}[]'\"#&*!|>%@`,?\n\t =$()\\").ofMaxLength(12)
                .injectDuplicates(0.1).edgeCases(e -> e.add("\u0000"));
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(12);
        return Arbitraries.integers().between(0, seed.length()).flatMap(at -> Arbitraries.integers().between(0, 8)
                .flatMap(cut -> Arbitraries.oneOf(junk, any).map(ins ->
                        seed.substring(0, at) + ins + seed.substring(Math.min(seed.length(), at + cut)))));
    }

    @Property(tries = 400)
    void playbookLoader_neverThrows_everyErrorHasALocation(@ForAll("mutatedPlaybook") String text) throws IOException {
        Path f = dir.resolve("pb.yml");
        Files.write(f, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unpaired surrogates become ?
        Diagnostics d = new Diagnostics();
        new PlaybookLoader().load(f, d);
        assertLocated(d, "pb.yml");
    }

    @Property(tries = 400)
    void inventoryLoader_neverThrows_everyErrorHasALocation(@ForAll("mutatedInventory") String text) throws IOException {
        Path f = dir.resolve("inv.ini");
        Files.write(f, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unpaired surrogates become ?
        Diagnostics d = new Diagnostics();
        Inventory.load(f, d);
        assertLocated(d, "inv.ini");
    }

    @Property(tries = 200)
    void playbookLoader_randomText_neverThrows(@ForAll String text) throws IOException {
        Path f = dir.resolve("random.yml");
        Files.write(f, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unpaired surrogates become ?
        Diagnostics d = new Diagnostics();
        new PlaybookLoader().load(f, d);
        assertLocated(d, "random.yml");
    }

    private static void assertLocated(Diagnostics d, String file) {
        for (Diagnostic x : d.list()) {
            assertThat(x.location().file()).as(x.toString()).endsWith(file);
            if (x.isError()) assertThat(x.message()).as(x.toString()).isNotBlank();
        }
    }
}
