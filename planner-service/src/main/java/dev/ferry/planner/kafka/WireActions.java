package dev.ferry.planner.kafka;

import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.plan.action.Action;
import java.util.Arrays;
import java.util.Locale;

/**
 * An action's symbol on the wire: the plan's spelling in upper case, {@code -} as {@code _} (ADR 0002). An action whose
 * symbol the contracts lack would be UNKNOWN, which every reader skips; ContractActionsTest keeps the lists equal.
 */
final class WireActions {

    private WireActions() {}

    static PhaseAction symbol(Action action) {
        String symbol = action.name().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(PhaseAction.values())
                .filter(value -> value.name().equals(symbol))
                .findFirst()
                .orElse(PhaseAction.UNKNOWN);
    }
}
