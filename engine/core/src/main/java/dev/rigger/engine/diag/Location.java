package dev.rigger.engine.diag;

import java.nio.file.Path;

/** Where something was written: file, 1-based line and column. {@link #NONE} when unknown. */
public record Location(String file, int line, int column) {

    public static final Location NONE = new Location("", 0, 0);

    public static Location of(Path file, int line, int column) {
        return new Location(file.toString(), line, column);
    }

    /** The same file and line, {@code offset} columns further: points inside a string value. */
    public Location shifted(int offset) {
        return this == NONE ? NONE : new Location(file, line, column + offset);
    }

    @Override
    public String toString() {
        if (file.isEmpty()) return "<unknown>";
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
