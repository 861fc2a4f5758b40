package dev.rigger.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would for quoting only ('..', "..",
 * backslash), without expanding anything: the {@code command} module runs no shell, and OpenSSH
 * option strings (ansible_ssh_common_args) are read the same way.
 */
public final class Words {
    private Words() { }

    /**
     * The words of {@code line}.
     *
     * @param line text with shell quoting
     * @return its words, quotes removed
     * @throws ModuleException when a quote is not closed
     */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0; else cur.append(c);
            } else if (quote == '"') {
                if (c == '"') quote = 0;
                else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) cur.append(line.charAt(++i));
                else cur.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) { out.add(cur.toString()); cur.setLength(0); inWord = false; }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new ModuleException("unbalanced quote in command: " + line);
        if (inWord) out.add(cur.toString());
        return out;
    }
}
