package dev.rigger.cli;

import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.vault.VaultReader;

/**
 * How a command reads playbooks and inventory: vault files decrypted through {@code vault},
 * whose values {@code masker} has learnt before any diagnostic is printed; {@code loader} knows
 * every file read (a saved plan's inputs).
 */
record Inputs(PlaybookLoader loader, VaultReader vault, Masker masker) {
}
