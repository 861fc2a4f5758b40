package dev.rigger.engine.load;

/** Conversions that follow YAML 1.1 as Ansible users know it ({@code yes}/{@code no} are booleans). */
public final class Values {
    private Values() { }

    /** A boolean from a Boolean or an Ansible boolean word; null when it is not one. */
    public static Boolean toBool(Object v) {
        return dev.rigger.spi.check.ParamBinder.toBool(v);
    }
}
