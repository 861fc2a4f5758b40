package dev.rigger.engine.fuzz;

import dev.rigger.engine.yaml.YamlLimits;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of YAML that costs a loader depth, memory or time (issue 20's findings): nesting
 * around and far past {@link YamlLimits#MAX_DEPTH}, alias bombs, scalars around
 * {@link YamlLimits#MAX_SCALAR_CHARS}, long merge-key chains and recursive aliases.
 */
final class HostileYaml {
    /** The most CPU time one hostile file may take to load or refuse (about 2 s is the slowest seen). */
    static final Duration QUICKLY = Duration.ofSeconds(10);

    private HostileYaml() { }

    /** {@code x: [[[...]]]} or {@code x: {a: {a: ...}}}, up to 400 levels (300 was a StackOverflowError). */
    static Arbitrary<String> deepFlow() {
        return Combinators.combine(Arbitraries.integers().between(1, 400), Arbitraries.of("[", "{a: ")).as((d, open) -> {
            String close = open.equals("[") ? "]" : "}";
            return "x: " + open.repeat(d) + (open.equals("[") ? "" : "1") + close.repeat(d) + "\n";
        }).edgeCases(e -> e.add("x: " + "[".repeat(YamlLimits.MAX_DEPTH) + "]".repeat(YamlLimits.MAX_DEPTH) + "\n"));
    }

    /** Block mappings and lists indented level after level. */
    static Arbitrary<String> deepBlock() {
        return Combinators.combine(Arbitraries.integers().between(1, 200), Arbitraries.of(true, false)).as((d, lists) -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < d; i++) b.append("  ".repeat(i)).append(lists ? "- " + "\n" : "k" + i + ":\n");
            return b.append("  ".repeat(d)).append(lists ? "- leaf\n" : "leaf: 1\n").toString();
        });
    }

    /** A billion laughs: {@code levels} anchors, each a list of {@code fanout} aliases of the one before. */
    static Arbitrary<String> aliasBomb() {
        return Combinators.combine(Arbitraries.integers().between(2, 14), Arbitraries.integers().between(2, 16),
                Arbitraries.of(true, false)).as((levels, fanout, maps) -> {
            StringBuilder b = new StringBuilder("l0: &l0 lol\n");
            for (int i = 1; i <= levels; i++) {
                b.append('l').append(i).append(": &l").append(i).append(maps ? " {" : " [");
                for (int j = 0; j < fanout; j++) {
                    b.append(j == 0 ? "" : ", ").append(maps ? "k" + j + ": " : "").append("*l").append(i - 1);
                }
                b.append(maps ? "}\n" : "]\n");
            }
            return b.toString();
        });
    }

    /**
     * One scalar around the limits, in every style: one run of characters around
     * {@link YamlLimits#MAX_RUN_CHARS}, or words around {@link YamlLimits#MAX_SCALAR_CHARS}.
     */
    static Arbitrary<String> hugeScalar() {
        int run = YamlLimits.MAX_RUN_CHARS;
        int max = YamlLimits.MAX_SCALAR_CHARS;
        Arbitrary<String> runs = Arbitraries.of(run - 1, run, run + 1, 32 * run).map("a"::repeat);
        Arbitrary<String> words = Arbitraries.of(max - 5, max, max + 5, 2 * max).map(n -> "word ".repeat(n / 5).strip());
        return Combinators.combine(Arbitraries.oneOf(runs, words), Arbitraries.of("plain", "double", "single", "block"))
                .as((body, style) -> switch (style) {
                    case "double" -> "x: \"" + body + "\"\n";
                    case "single" -> "x: '" + body + "'\n";
                    case "block" -> "x: |\n  " + body + "\n";
                    default -> "x: " + body + "\n";
                });
    }

    /** Each mapping merging the one before it. */
    static Arbitrary<String> mergeChain() {
        return Arbitraries.integers().between(1, 3000).map(n -> {
            StringBuilder b = new StringBuilder("m0: &m0 {k0: 0}\n");
            for (int i = 1; i <= n; i++) b.append('m').append(i).append(": &m").append(i).append(" {<<: *m").append(i - 1)
                    .append(", k").append(i).append(": ").append(i).append("}\n");
            return b.toString();
        });
    }

    /** An alias inside its own anchor, in a list or a mapping. */
    static Arbitrary<String> recursiveAlias() {
        return Arbitraries.of("a: &a [1, *a]\n", "a: &a {b: *a}\n", "a: &a {<<: *a}\n", "- &x [*x]\n");
    }
}
