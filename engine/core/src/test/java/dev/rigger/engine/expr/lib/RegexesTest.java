package dev.rigger.engine.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.expr.eval.EvalException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Python patterns on RE2/J: what translates, and what is refused by name. */
class RegexesTest {
    private static Object filter(String name, Object input, Object... args) {
        return Library.standard().filter(name).apply(input, Args.of(args), new LibContext());
    }

    @Test
    void backtrackingFeatures_areRefusedNamingTheFeature() {
        assertThatThrownBy(() -> Regexes.compile("(a)\\1", 0)).isInstanceOf(EvalException.class).hasMessageContaining("backreference");
        assertThatThrownBy(() -> Regexes.compile("(?P<x>a)(?P=x)", 0)).hasMessageContaining("backreference");
        assertThatThrownBy(() -> Regexes.compile("a(?=b)", 0)).hasMessageContaining("lookahead");
        assertThatThrownBy(() -> Regexes.compile("a(?!b)", 0)).hasMessageContaining("lookahead");
        assertThatThrownBy(() -> Regexes.compile("(?<=a)b", 0)).hasMessageContaining("lookbehind");
        assertThatThrownBy(() -> Regexes.compile("(?<!a)b", 0)).hasMessageContaining("lookbehind");
        assertThatThrownBy(() -> Regexes.compile("(?>a)", 0)).hasMessageContaining("atomic");
        assertThatThrownBy(() -> Regexes.compile("(a)?(?(1)b|c)", 0)).hasMessageContaining("conditional");
    }

    @Test
    void syntaxErrors_areEvalExceptionsQuotingThePattern() {
        assertThatThrownBy(() -> Regexes.compile("(a", 0)).isInstanceOf(EvalException.class).hasMessageContaining("'(a'");
        assertThatThrownBy(() -> Regexes.compile("[a", 0)).isInstanceOf(EvalException.class);
    }

    @Test
    void pythonSyntax_translates() {
        assertThat(Regexes.compile("a\\Z", 0).matcher("xa").find()).isTrue();
        assertThat(Regexes.compile("a\\Z", 0).matcher("a\n").find()).isFalse();
        assertThat(Regexes.compile("(?P<word>\\w+)", 0).namedGroups()).containsKey("word");
        assertThat(Regexes.compile("a{b}", 0).matcher("a{b}").matches()).isTrue();
        assertThat(Regexes.compile("x{,2}", 0).matcher("xx").matches()).isTrue();
        assertThat(Regexes.compile("\\d+", 0).matcher("٣٤").matches()).isTrue();
        assertThat(Regexes.compile("\\w+", 0).matcher("élève").matches()).isTrue();
        assertThat(Regexes.compile("(?x) a b  # comment\n c", 0).matcher("abc").matches()).isTrue();
        assertThat(Regexes.compile("a(?#note)b", 0).matcher("ab").matches()).isTrue();
        assertThat(Regexes.compile("\\x41\\u0042\\101", 0).matcher("ABA").matches()).isTrue();
        assertThat(Regexes.compile("abc", Regexes.IGNORECASE).matcher("ABC").matches()).isTrue();
        assertThat(Regexes.compile("[\\d.]+", 0).matcher("1.5").matches()).isTrue();
    }

    @Test
    void replacementTemplates_usePythonSyntax() {
        assertThat(filter("regex_replace", "k=v", "(\\w)=(\\w)", "\\2=\\1")).isEqualTo("v=k");
        assertThat(filter("regex_replace", "k=v", "(?P<a>\\w)=(?P<b>\\w)", "\\g<b>:\\g<a>:\\g<0>")).isEqualTo("v:k:k=v");
        assertThat(filter("regex_replace", "a$b", "\\$", "\\\\$")).isEqualTo("a\\$b");
        assertThat(filter("regex_replace", "ab", "(x)?b", "[\\1]")).isEqualTo("a[]");
        assertThatThrownBy(() -> filter("regex_replace", "ab", "(a)", "\\2")).hasMessageContaining("invalid group reference");
        assertThatThrownBy(() -> filter("regex_replace", "ab", "a", "\\d")).hasMessageContaining("bad escape");
    }

    @Test
    void dollar_matchesBeforeAFinalNewline_asPythons() {
        assertThat(filter("regex_replace", "foo\n", "o$", "X")).isEqualTo("foX\n");
        assertThat(filter("regex_search", "ab\n", "b$")).isEqualTo("b");
        assertThat(Library.standard().test("search").test("line\n", Args.of("^line$"), new LibContext())).isTrue();
        assertThat(filter("regex_findall", "a1\nb2", "\\d$")).isEqualTo(List.of("2"));
    }

    @Test
    void catastrophicPatterns_runInLinearTime() {
        String subject = "a".repeat(50_000) + "!";
        long t0 = System.nanoTime();
        assertThat(filter("regex_search", subject, "^(a+)+$")).isNull();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
    }
}
