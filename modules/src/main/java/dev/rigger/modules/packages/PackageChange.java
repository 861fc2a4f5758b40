package dev.rigger.modules.packages;

import dev.rigger.spi.Diff;

/** What one package goes through in a transaction: installed version before, target after. */
record PackageChange(Kind kind, Nevra before, Nevra after) {

    enum Kind { INSTALL, UPGRADE, DOWNGRADE, REMOVE }

    static PackageChange install(Nevra after) { return new PackageChange(Kind.INSTALL, null, after); }

    static PackageChange remove(Nevra before) { return new PackageChange(Kind.REMOVE, before, null); }

    /** An upgrade or a downgrade of {@code before} to {@code after}, whichever it is. */
    static PackageChange replace(Nevra before, Nevra after) {
        return new PackageChange(Nevra.BY_EVR.compare(after, before) > 0 ? Kind.UPGRADE : Kind.DOWNGRADE, before, after);
    }

    /** The package dnf is told to install or remove. */
    String target() {
        return kind == Kind.REMOVE ? before.label() : after.label();
    }

    Diff diff() {
        return switch (kind) {
            case INSTALL -> Diff.create("package " + after.name(), after.evr() + "." + after.arch());
            case REMOVE -> Diff.delete("package " + before.name(), before.evr() + "." + before.arch());
            default -> Diff.update("package " + after.name() + " (" + kind.name().toLowerCase() + ")",
                    before.evr() + "." + before.arch(), after.evr() + "." + after.arch());
        };
    }
}
