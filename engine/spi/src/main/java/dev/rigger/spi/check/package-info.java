/**
 * The checks the engine makes of a module and its arguments, for the engine and for module
 * authors' tests alike (JDK only): {@link dev.rigger.spi.check.SpecCheck} (a module's name and
 * spec) and {@link dev.rigger.spi.check.ParamBinder} (a call's arguments against the spec).
 * <b>Stable.</b>
 */
package dev.rigger.spi.check;
