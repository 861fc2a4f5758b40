package dev.rigger.engine.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The project's own playbooks and inventories, copied to a scratch folder (so imports between
 * them still resolve) and mutated byte-wise: real files reach deeper into the loaders than text
 * generated from one seed, and bytes (unlike strings) include invalid UTF-8.
 */
final class RealFiles {
    /** Folders of the repository whose YAML and INI files are the corpus. */
    private static final List<String> ROOTS = List.of("playbooks", "inventories", "modules/labtest", "examples");

    /** One corpus file with some of its bytes changed. */
    record Mutant(Path file, byte[] bytes) {
        boolean isInventory() {
            return file.toString().endsWith(".ini") || file.getFileName().toString().startsWith("lab-vars");
        }
    }

    private final Path copy;
    private final List<Path> files;
    private final java.util.Map<Path, byte[]> originals = new java.util.HashMap<>();

    private RealFiles(Path copy, List<Path> files) throws IOException {
        this.copy = copy;
        this.files = files;
        for (Path f : files) originals.put(f, Files.readAllBytes(f));
    }

    /** Copies the corpus under {@code scratch}; empty when the repository is not found. */
    static RealFiles copyTo(Path scratch) throws IOException {
        Path root = Path.of(System.getProperty("rigger.root", "../..")).toAbsolutePath().normalize();
        Path copy = scratch.resolve("corpus");
        List<Path> files = new ArrayList<>();
        for (String r : ROOTS) {
            Path from = root.resolve(r);
            if (!Files.isDirectory(from)) continue;
            try (Stream<Path> s = Files.walk(from)) {
                for (Path f : s.filter(Files::isRegularFile).filter(RealFiles::isCorpus).sorted(Comparator.naturalOrder()).toList()) {
                    Path to = copy.resolve(root.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                    files.add(to);
                }
            }
        }
        return new RealFiles(copy, files);
    }

    private static boolean isCorpus(Path f) {
        String n = f.getFileName().toString();
        return (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".ini")) && !f.toString().contains("/target/");
    }

    Path folder() {
        return copy;
    }

    int size() {
        return files.size();
    }

    /** A file of the corpus with 1 to 8 edits: bytes set, inserted, deleted, spans duplicated or YAML punctuation dropped in. */
    Arbitrary<Mutant> mutants() {
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(1, 64)).as((kind, at, b, len) -> new int[] {kind, at, b, len});
        return Combinators.combine(Arbitraries.of(files), edit.list().ofMinSize(1).ofMaxSize(8))
                .as((f, edits) -> new Mutant(f, apply(originals.get(f), edits)));
    }

    private static final byte[] PUNCTUATION = ":-{}[]'\"#&*!|>%@`,?\n\t \\=$()".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static byte[] apply(byte[] in, List<int[]> edits) {
        byte[] b = in;
        for (int[] e : edits) {
            int at = b.length == 0 ? 0 : e[1] % (b.length + 1);
            int len = Math.min(e[3], b.length - Math.min(at, b.length));
            b = switch (e[0]) {
                case 0 -> at < b.length ? set(b, at, (byte) e[2]) : b;
                case 1 -> splice(b, at, 0, new byte[] {(byte) e[2]});
                case 2 -> splice(b, at, len, new byte[0]);
                case 3 -> splice(b, e[2] % (b.length + 1), 0, java.util.Arrays.copyOfRange(b, at, at + len));
                default -> splice(b, at, 0, new byte[] {PUNCTUATION[e[2] % PUNCTUATION.length]});
            };
        }
        return b;
    }

    private static byte[] set(byte[] b, int at, byte v) {
        byte[] out = b.clone();
        out[at] = v;
        return out;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** Writes the mutant over its copy, runs {@code load}, and puts the original bytes back. */
    <T> T withMutant(Mutant m, IoFunction<Path, T> load) throws IOException {
        Files.write(m.file(), m.bytes());
        try {
            return load.apply(m.file());
        } finally {
            Files.write(m.file(), originals.get(m.file()));
        }
    }

    /** A function that may throw IOException. */
    interface IoFunction<A, B> {
        B apply(A a) throws IOException;
    }
}
