package dev.rigger.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (set by the build), or "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"rigger " + (v == null ? "dev" : v)};
    }
}
