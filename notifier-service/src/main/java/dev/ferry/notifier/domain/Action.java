package dev.ferry.notifier.domain;

import java.util.Locale;

/**
 * What a phase does, as people read it in the channel: the action's name as the plan spells it. Only a gate and a
 * rollback change how the notifier reacts; every other action, those added to the catalogue later included, reads
 * the same way, so a new action needs nothing here.
 */
public record Action(String word) {
    public static final Action SPLIT = new Action("split");
    public static final Action BUILD = new Action("build");
    public static final Action DEPLOY = new Action("deploy");
    public static final Action ROLLBACK = new Action("rollback");
    public static final Action ARCHIVE = new Action("archive");
    public static final Action GATE = new Action("gate");
    public static final Action UNKNOWN = new Action("unknown");

    /** The action a wire symbol stands for ({@code SHIFT_TRAFFIC} is {@code shift-traffic}). */
    public static Action ofSymbol(String symbol) {
        return new Action(symbol.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    boolean waitsForPerson() {
        return equals(GATE);
    }

    boolean rollsBack() {
        return equals(ROLLBACK);
    }
}
