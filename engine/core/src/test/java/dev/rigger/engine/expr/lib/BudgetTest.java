package dev.rigger.engine.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.expr.eval.Budget;
import dev.rigger.engine.expr.eval.EvalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What builds values charges the evaluation's budget first: growth stops at the budget, not the heap. */
class BudgetTest {
    private static final Library LIB = Library.standard();

    private static Object filter(LibContext ctx, String name, Object input, Object... args) {
        return LIB.filter(name).apply(input, Args.of(args), ctx);
    }

    @Test
    void replaceChain_growing16xEachStep_stopsAtTheBudget() {
        LibContext ctx = new LibContext();
        assertThatThrownBy(() -> {
            Object s = "aaaaaaaaaaaaaaaa";
            for (int i = 0; i < 10; i++) s = filter(ctx, "replace", s, "a", "aaaaaaaaaaaaaaaa");
        }).isInstanceOf(EvalException.class).hasMessageContaining("larger than");
    }

    @Test
    void methodReplaceAndRegexReplaceChains_stopAtTheBudget() {
        LibContext ctx = new LibContext();
        assertThatThrownBy(() -> {
            Object s = "ab";
            for (int i = 0; i < 40; i++) s = LIB.callMethod(s, "replace", Args.of("a", "aa"), ctx);
        }).isInstanceOf(EvalException.class);
        LibContext ctx2 = new LibContext();
        assertThatThrownBy(() -> {
            Object s = "xxxxxxxx";
            for (int i = 0; i < 10; i++) s = filter(ctx2, "regex_replace", s, "x", "xxxxxxxxxxxxxxxx");
        }).isInstanceOf(EvalException.class);
    }

    @Test
    void hugePadding_isRefusedBeforeItIsBuilt() {
        LibContext ctx = new LibContext();
        assertThatThrownBy(() -> filter(ctx, "center", "x", 1_000_000_000L)).isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> LIB.callMethod("x", "ljust", Args.of(1_000_000_000L), new LibContext())).isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> LIB.callMethod("x", "rjust", Args.of(Long.MAX_VALUE), new LibContext())).isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> LIB.callMethod("x", "zfill", Args.of(1L << 40), new LibContext())).isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> LIB.callMethod("{:>999999999}", "format", Args.of("x"), new LibContext())).isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> filter(new LibContext(), "indent", "a\nb\nc", 1_000_000_000L)).isInstanceOf(EvalException.class);
    }

    @Test
    void range_isBoundedAsJinjasSandbox() {
        Function range = LIB.function("range");
        assertThatThrownBy(() -> range.call(Args.of(1_000_000_000L), new LibContext()))
                .isInstanceOf(EvalException.class).hasMessageContaining("MAX_RANGE");
        assertThat(range.call(Args.of(100_000L), new LibContext())).asList().hasSize(100_000);
        assertThat(range.call(Args.of(10L, 0L, -3L), new LibContext())).isEqualTo(List.of(10L, 7L, 4L, 1L));
    }

    @Test
    void productAndZipLongest_chargeTheirSize() {
        List<Object> big = new ArrayList<>();
        for (long i = 0; i < 5000; i++) big.add(i);
        assertThatThrownBy(() -> LIB.filter("product").apply(big, Args.of(big, big), new LibContext())).isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> LIB.filter("product").apply(big, new Args(List.of(), Map.of("repeat", 9L)), new LibContext()))
                .isInstanceOf(EvalException.class);
    }

    @Test
    void aSmallBudget_stopsJoinAndToJson() {
        List<Object> items = new ArrayList<>();
        for (long i = 0; i < 1000; i++) items.add("item-" + i);
        assertThatThrownBy(() -> filter(new LibContext(new Budget(1000, Budget.DEFAULT_NANOS)), "join", items, ","))
                .isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> filter(new LibContext(new Budget(1000, Budget.DEFAULT_NANOS)), "to_json", items))
                .isInstanceOf(EvalException.class);
        assertThatThrownBy(() -> filter(new LibContext(new Budget(1000, Budget.DEFAULT_NANOS)), "to_nice_yaml", items))
                .isInstanceOf(EvalException.class);
        assertThat(filter(new LibContext(new Budget(100_000, Budget.DEFAULT_NANOS)), "join", items, ",")).asString().startsWith("item-0,item-1");
    }
}
