package dev.rigger.engine.yaml;

/**
 * The bounds every user file is read within, so that a hostile or broken file is refused with a
 * located diagnostic instead of costing minutes of CPU, all the memory or the stack. Chosen well
 * above real files (docs/reliability.md says how) and well below what hurts.
 */
public final class YamlLimits {
    private YamlLimits() { }

    /** Characters of text parsed as one file (a file's bytes are bounded first: {@link dev.rigger.engine.diag.SourceText#MAX_BYTES}). */
    public static final int MAX_TEXT_CHARS = dev.rigger.engine.diag.SourceText.MAX_BYTES;

    /** Characters in one scalar: a certificate bundle or a config file's text fits many times. */
    public static final int MAX_SCALAR_CHARS = 1 << 20;

    /**
     * Characters in one run without a space or line break: SnakeYAML scans a run in time
     * quadratic in its length (1 MiB: up to 2 s, 8 MiB: a minute), so it is refused before
     * parsing. A one-line base64 value of 190 KB fits; longer ones go over lines.
     */
    public static final int MAX_RUN_CHARS = 256 << 10;

    /** Levels of mappings and lists: real playbooks with Kubernetes manifests inline reach about 20. */
    public static final int MAX_DEPTH = 64;

    /** Nodes in one document with every alias expanded: a billion laughs is refused at this count. */
    public static final int MAX_NODES = 1_000_000;
}
