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

    /**
     * {@code message} led by this location, as a load-time error is ("site.yml:4:7: ..."); as it
     * is when the location is unknown. Said of a task's arguments that fail at run time.
     */
    public String lead(String message) {
        return this == NONE || file.isEmpty() ? message : this + ": " + message;
    }

    @Override
    public String toString() {
        if (file.isEmpty()) return "<unknown>";
        return line > 0 ? file + ":" + line + ":" + column : file;
    }
}
