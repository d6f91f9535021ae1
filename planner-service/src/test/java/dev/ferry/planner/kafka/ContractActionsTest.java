package dev.ferry.planner.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.avro.PhaseAction;
import dev.ferry.plan.action.Action;
import dev.ferry.plan.action.Actions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every action of the catalogue travels under a symbol of its own, and the contracts name no action that is gone. */
class ContractActionsTest {

    @Test
    void everyActionHasItsOwnSymbolOnTheWire() {
        assertThat(Actions.all().stream().map(WireActions::symbol))
                .doesNotContain(PhaseAction.UNKNOWN)
                .doesNotHaveDuplicates();
    }

    @Test
    void everySymbolButUnknownIsAnAction() {
        assertThat(Arrays.stream(PhaseAction.values()).filter(symbol -> symbol != PhaseAction.UNKNOWN))
                .containsExactlyInAnyOrderElementsOf(
                        Actions.all().stream().map(WireActions::symbol).toList());
    }

    @Test
    void theSymbolIsThePlansSpellingInUpperCase() {
        Action wait = Actions.named("wait").orElseThrow();
        assertThat(WireActions.symbol(wait)).isEqualTo(PhaseAction.WAIT);
    }
}
