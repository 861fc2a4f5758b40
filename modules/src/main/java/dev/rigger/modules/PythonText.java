package dev.rigger.modules;

import java.util.ArrayList;
import java.util.List;

/**
 * Text as Ansible's Python modules read it, for the modules that edit files the way those do:
 * a file opened in text mode has universal newlines ({@code \r\n} and {@code \r} read as
 * {@code \n}), and {@code readlines()} keeps each line's end (the last line may lack one).
 */
public final class PythonText {
    private PythonText() { }

    /** {@code open(f).readlines()}: universal newlines, each line with its {@code \n}. */
    public static List<String> readLines(String text) {
        return readBinaryLines(text.replace("\r\n", "\n").replace('\r', '\n'));
    }

    /** {@code open(f, 'rb').readlines()}, decoded: split after each {@code \n} only, each line with its end. */
    public static List<String> readBinaryLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            out.add(text.substring(start, nl + 1));
            start = nl + 1;
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }
}
