package dev.rigger.modules.mysql;

import java.util.ArrayList;
import java.util.List;

/** Rows of {@code mysql --batch --skip-column-names}: tab-separated, \t \n \\ \0 escaped; NULL as the word NULL. */
final class MysqlOutput {
    private MysqlOutput() { }

    static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) continue;
            List<String> row = new ArrayList<>();
            for (String cell : line.split("\t", -1)) row.add(unescape(cell));
            rows.add(row);
        }
        return rows;
    }

    static String unescape(String cell) {
        if (cell.indexOf('\\') < 0) return cell;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\' || i + 1 == cell.length()) {
                sb.append(c);
                continue;
            }
            char n = cell.charAt(++i);
            sb.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case '0' -> '\0';
                default -> n;
            });
        }
        return sb.toString();
    }
}
