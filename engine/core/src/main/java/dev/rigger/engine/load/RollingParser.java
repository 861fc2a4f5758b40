package dev.rigger.engine.load;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.Rolling;
import dev.rigger.engine.yaml.YNode;
import java.util.ArrayList;
import java.util.List;

/** A play's {@code serial} (a count, a percentage, or a list of them), {@code max_fail_percentage}, {@code any_errors_fatal}, {@code order} and {@code force_handlers}. */
final class RollingParser {
    private RollingParser() { }

    static Rolling read(YNode.Mapping play, Diagnostics diags) {
        List<Object> serial = new ArrayList<>();
        YNode s = play.get("serial");
        if (s instanceof YNode.Seq seq) {
            for (YNode item : seq.items()) size(item, serial, diags);
        } else if (s != null) {
            size(s, serial, diags);
        }
        Integer maxFail = null;
        YNode m = play.get("max_fail_percentage");
        if (m != null) {
            Object v = m instanceof YNode.Scalar sc ? sc.value() : null;
            Double pct = percent(v);
            if (pct == null || pct < 0 || pct > 100) {
                diags.error(m.location(), "max_fail_percentage is a number from 0 to 100");
            } else {
                maxFail = (int) Math.floor(pct);
            }
        }
        String order = Nodes.string(play.get("order"), diags);
        if (order != null && !Rolling.ORDERS.contains(order)) {
            diags.error(play.get("order").location(), "order is one of " + String.join(", ", Rolling.ORDERS) + ", not '" + order + "'");
        }
        Boolean force = play.get("force_handlers") == null ? null : Nodes.bool(play.get("force_handlers"), false, diags);
        return new Rolling(serial, maxFail, Nodes.bool(play.get("any_errors_fatal"), false, diags), order, force);
    }

    /** One batch size: a whole number, or a whole percentage "30%" of the play's hosts. */
    private static void size(YNode n, List<Object> out, Diagnostics diags) {
        Object v = n instanceof YNode.Scalar sc ? sc.value() : null;
        if (v instanceof Number num && num.doubleValue() == num.intValue() && num.intValue() >= 0) {
            out.add(num.intValue());
        } else if (v instanceof String str && str.trim().matches("\\d+%")) {
            out.add(str.trim());
        } else if (v instanceof String str && str.trim().matches("\\d+")) {
            out.add(Integer.parseInt(str.trim()));
        } else {
            diags.error(n.location(), "a serial batch size is a whole number or a percentage like 30%"
                    + (v instanceof String str && str.contains("{{") ? " (a template here is not supported: batches are laid out before the run)" : ""));
        }
    }

    private static Double percent(Object v) {
        if (v instanceof Number num) return num.doubleValue();
        if (v instanceof String str) {
            try {
                return Double.parseDouble(str.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
