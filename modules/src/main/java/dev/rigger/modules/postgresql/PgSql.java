package dev.rigger.modules.postgresql;

import dev.rigger.spi.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SQL text for PostgreSQL: identifiers in double quotes (a double quote doubled), values as
 * string literals (a quote doubled; with a backslash, the E'' form with it doubled too, so the
 * literal means the same whatever standard_conforming_strings says). A value is data whatever it
 * holds; NUL, which the server cannot store, is refused. The collection splices names between
 * double quotes unescaped; Rigger quotes them.
 */
final class PgSql {
    private PgSql() { }

    private static String noNul(String what, String value) {
        if (value.indexOf('\0') >= 0) throw new ModuleException(what + " holds a NUL character, which PostgreSQL cannot store");
        return value;
    }

    /** "name", a double quote doubled. */
    static String ident(String name) {
        // the server cuts longer names to 63 bytes, so a longer one would never be found again
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
            throw new ModuleException("the name " + name + " is longer than PostgreSQL's 63 bytes");
        }
        return "\"" + noNul("the name " + name, name).replace("\"", "\"\"") + "\"";
    }

    /** 'value', or E'value' when it holds a backslash. */
    static String literal(String value) {
        noNul("a value", value);
        String q = value.replace("'", "''");
        if (value.indexOf('\\') < 0) return "'" + q + "'";
        return "E'" + q.replace("\\", "\\\\") + "'";
    }

    /** A nullable text column as psql prints it safely: '' for NULL, else 'x' and its UTF-8 bytes in hex. */
    static String text(String column) {
        return "COALESCE('x' || encode(convert_to(" + column + ", 'UTF8'), 'hex'), '')";
    }

    /** The value {@link #text} printed: null for NULL. */
    static String untext(String cell) {
        if (cell.isEmpty()) return null;
        return new String(HexFormat.of().parseHex(cell.substring(1)), StandardCharsets.UTF_8);
    }

    /** Rows of {@code psql --no-align --tuples-only}: one a line, fields split at '|' (every text field is hex, so none holds one). */
    static List<List<String>> rows(String out) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (line.isEmpty()) continue;
            rows.add(List.of(line.split("\\|", -1)));
        }
        return rows;
    }
}
