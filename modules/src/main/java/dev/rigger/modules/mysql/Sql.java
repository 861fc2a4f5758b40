package dev.rigger.modules.mysql;

import dev.rigger.spi.ModuleException;
import java.util.regex.Pattern;

/**
 * SQL text as community.mysql builds it: values as PyMySQL's escape_string quotes them (every
 * name, host and hash is a string literal, never SQL), identifiers in backquotes. A value is data
 * whatever it holds; an identifier holding a backquote or a dot is refused, as the collection's
 * identifier parser cannot read it back either.
 */
final class Sql {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");

    private Sql() { }

    /** 'value' with \0 \n \r \\ ' " and ^Z escaped, as PyMySQL's escape_string. */
    static String literal(String value) {
        StringBuilder sb = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\0' -> sb.append("\\0");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '\u001a' -> sb.append("\\Z");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    /** 'user'@'host'. */
    static String account(String user, String host) {
        return literal(user) + "@" + literal(host);
    }

    /** `name` for a database; dots and backquotes refused (mysql_quote_identifier allows no dot in a database name). */
    static String database(String name) {
        if (name.indexOf('.') >= 0) throw new ModuleException("MySQL does not support database with more than 0 dots: " + name);
        if (name.indexOf('`') >= 0 || name.indexOf('\0') >= 0) {
            throw new ModuleException("database name " + name + " holds a backquote or NUL: Rigger does not quote those");
        }
        return "`" + name + "`";
    }

    /** A character set or collation name: letters, digits, '_' only (it is a word of the statement). */
    static String word(String what, String value) {
        if (!WORD.matcher(value).matches()) throw new ModuleException(what + " " + value + " is not a name (letters, digits and '_')");
        return value;
    }
}
