/**
 * The module SPI: everything a module author depends on, and nothing else (JDK only).
 * <b>Stable.</b>
 *
 * <p>A module implements {@link dev.rigger.spi.Module}: it declares its parameters once
 * ({@link dev.rigger.spi.ParamSpec} of {@link dev.rigger.spi.Param}s), reads a host's state
 * through the read-only probes of {@link dev.rigger.spi.Host}, and returns a
 * {@link dev.rigger.spi.Change}: {@link dev.rigger.spi.Diff}s to show and
 * {@link dev.rigger.spi.Step}s for the engine to run. A module never writes to a host itself.
 *
 * <p>The engine finds a module with {@link java.util.ServiceLoader}: the jar holds one line,
 * the implementing class's name, in {@code META-INF/services/dev.rigger.spi.Module}.
 *
 * <p>Import {@code dev.rigger.spi.Module} explicitly: with {@code import dev.rigger.spi.*} the
 * simple name {@code Module} is ambiguous with {@code java.lang.Module} and does not compile.
 */
package dev.rigger.spi;
