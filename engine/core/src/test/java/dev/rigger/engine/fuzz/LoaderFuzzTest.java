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
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The playbook and inventory loaders fed mutated and random text, and the project's own
 * playbooks and inventories mutated byte-wise: they never throw, and every rejection is a
 * diagnostic with a location in the file. The properties run a fixed number of tries (about
 * 15 s); with {@code RIGGER_FUZZ_SECONDS} / {@code -Drigger.fuzz.seconds=N} (CI sets it) the
 * same generators then run for that long as well.
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
    private static RealFiles real;

    @BeforeContainer
    static void dir() throws IOException {
        dir = Files.createTempDirectory("rigger-fuzz");
        real = RealFiles.copyTo(dir);
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

    @Provide
    Arbitrary<RealFiles.Mutant> mutatedRealFile() {
        return real.mutants();
    }

    /** Shapes that cost the loaders depth, memory or time (issue 20): each must be refused or read quickly. */
    @Provide
    Arbitrary<String> hostileShape() {
        return Arbitraries.oneOf(HostileYaml.deepFlow(), HostileYaml.deepBlock(), HostileYaml.aliasBomb(),
                HostileYaml.hugeScalar(), HostileYaml.mergeChain(), HostileYaml.recursiveAlias());
    }

    @Property(tries = 400)
    void playbookLoader_neverThrows_everyErrorHasALocation(@ForAll("mutatedPlaybook") String text) throws IOException {
        playbook(text, "pb.yml");
    }

    @Property(tries = 400)
    void inventoryLoader_neverThrows_everyErrorHasALocation(@ForAll("mutatedInventory") String text) throws IOException {
        inventory(text);
    }

    @Property(tries = 200)
    void playbookLoader_randomText_neverThrows(@ForAll String text) throws IOException {
        playbook(text, "random.yml");
    }

    @Property(tries = 200)
    void loaders_realFilesMutatedBytewise_neverThrow_everyErrorHasALocation(@ForAll("mutatedRealFile") RealFiles.Mutant m)
            throws IOException {
        realFile(m);
    }

    @Property(tries = 60)
    void loaders_hostileShapes_refusedQuickly_neverThrow_everyErrorHasALocation(@ForAll("hostileShape") String text)
            throws IOException {
        hostile(text, 0);
    }

    /** The generators above again, in turn, for the configured time; nothing to do without one. */
    @Example
    void forTheConfiguredTime_loadersNeverThrow_everyErrorHasALocation() throws IOException {
        var time = FuzzBudget.configured();
        if (time.isEmpty()) return;
        long deadline = System.nanoTime() + time.get().toNanos();
        var playbooks = mutatedPlaybook().sampleStream().iterator();
        var inventories = mutatedInventory().sampleStream().iterator();
        var random = Arbitraries.strings().all().ofMaxLength(200).sampleStream().iterator();
        var files = mutatedRealFile().sampleStream().iterator();
        var hostile = hostileShape().sampleStream().iterator();
        long[] n = new long[5];
        long rejected = 0;
        long slowest = 0;
        while (System.nanoTime() < deadline) {
            rejected += playbook(playbooks.next(), "pb.yml") ? 1 : 0;
            rejected += inventory(inventories.next()) ? 1 : 0;
            rejected += playbook(random.next(), "random.yml") ? 1 : 0;
            rejected += realFile(files.next()) ? 1 : 0;
            for (int i = 0; i < 4; i++) n[i]++;
            if (n[0] % 8 != 0) continue; // a hostile shape costs about as much as 30 other inputs
            long start = System.nanoTime();
            rejected += hostile(hostile.next(), (int) n[4]++) ? 1 : 0;
            slowest = Math.max(slowest, System.nanoTime() - start);
        }
        System.out.printf("loader fuzz: %d s, %d mutated playbooks, %d mutated inventories, %d random texts,"
                + " %d byte-mutated real files (of %d), %d hostile shapes (slowest %d ms); %d rejected with located"
                + " diagnostics, 0 uncaught exceptions%n",
                time.get().toSeconds(), n[0], n[1], n[2], n[3], real.size(), n[4], slowest / 1_000_000, rejected);
    }

    /**
     * A hostile shape as a playbook, a vars file or a YAML inventory (by {@code turn}): never
     * thrown, located, and done within {@link HostileYaml#QUICKLY}; true when it was rejected.
     */
    private static boolean hostile(String text, int turn) throws IOException {
        // the loader's own CPU time, not wall time: on a machine busy with other builds, wall time
        // grew seven-fold for the same work (14 s for 2 s of CPU)
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        boolean rejected;
        switch (Math.floorMod(turn, 3)) {
            case 0 -> rejected = playbook(text, "hostile.yml");
            case 1 -> {
                Files.writeString(dir.resolve("hostile-vars.yml"), text);
                rejected = playbook("- hosts: all\n  vars_files: [hostile-vars.yml]\n  tasks: []\n", "pb.yml");
            }
            default -> {
                Path f = dir.resolve("hostile-inv.yml");
                Files.writeString(f, text);
                Diagnostics d = new Diagnostics();
                Inventory.load(f, d);
                rejected = assertLocated(d, dir);
            }
        }
        assertThat(java.time.Duration.ofNanos(threads.getCurrentThreadCpuTime() - start)).as("CPU time to load a hostile shape")
                .isLessThan(HostileYaml.QUICKLY);
        return rejected;
    }

    /** Loads {@code text} as a playbook; true when it was rejected (located, as asserted). */
    private static boolean playbook(String text, String name) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unpaired surrogates become ?
        Diagnostics d = new Diagnostics();
        new PlaybookLoader().load(f, d);
        return assertLocated(d, f.getParent());
    }

    private static boolean inventory(String text) throws IOException {
        Path f = dir.resolve("inv.ini");
        Files.write(f, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // unpaired surrogates become ?
        Diagnostics d = new Diagnostics();
        Inventory.load(f, d);
        return assertLocated(d, f.getParent());
    }

    /** A real file, mutated in its copy of the corpus: imports between the files still resolve. */
    private static boolean realFile(RealFiles.Mutant m) throws IOException {
        return real.withMutant(m, f -> {
            Diagnostics d = new Diagnostics();
            if (m.isInventory()) Inventory.load(f, d);
            else new PlaybookLoader().load(f, d);
            return assertLocated(d, real.folder());
        });
    }

    /** Every diagnostic names a file in {@code folder}, every error says something; true when there was one. */
    private static boolean assertLocated(Diagnostics d, Path folder) {
        for (Diagnostic x : d.list()) {
            // lexically: a diagnostic may name a file that does not exist (a mutated import)
            assertThat(Path.of(x.location().file()).toAbsolutePath().normalize().startsWith(folder)).as(x.toString()).isTrue();
            if (x.isError()) assertThat(x.message()).as(x.toString()).isNotBlank();
            if (x.isError()) assertThat(x.location().line()).as("line of " + x).isPositive();
        }
        return d.list().stream().anyMatch(Diagnostic::isError);
    }
}
