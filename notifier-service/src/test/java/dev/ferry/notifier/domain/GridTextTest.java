package dev.ferry.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GridTextTest {

    private final Events events = new Events("m-7");
    private final Notifier notifier = new Notifier(Routing.to("#m"), MessageTemplates.defaults());

    @Test
    void showsOneRowPerServiceAndOneColumnPerPhase() {
        RunState state = RunState.start("m-7");
        for (MigrationEvent e : new MigrationEvent[] {
            events.phase("split", Action.SPLIT, null, "user-service", "api-gateway"),
            events.split("user-service"),
            events.split("api-gateway"),
            events.phase("build", Action.BUILD, null, "user-service", "api-gateway"),
            events.pushed("user-service"),
            events.failed("build", "api-gateway", "x"),
            events.phase("deploy-dev", Action.DEPLOY, "dev", "user-service")
        }) {
            state = notifier.accept(state, e);
        }

        assertThat(GridText.render(state.board())).isEqualTo("""
                        *Migration m-7* · plan *fitsync* · 2 services · environments dev · running
                        ```
                        service       split  build   deploy-dev
                        user-service  done   done    running
                        api-gateway   done   FAILED  -
                        done: split 2/2 build 1/2 deploy-dev 0/2
                        ```""");
    }

    @Test
    void aRunWithoutServicesYetSaysItWaits() {
        assertThat(GridText.render(RunBoard.empty("m-1")))
                .isEqualTo("*Migration m-1* · 0 services · running\n_waiting for the first phase_");
    }

    @Test
    void summarisesServicesBeyondTheRowLimit() {
        var services = new String[GridText.MAX_ROWS + 5];
        for (int i = 0; i < services.length; i++) {
            services[i] = "svc-" + i;
        }
        RunState state = notifier.accept(RunState.start("m-7"), events.phase("split", Action.SPLIT, null, services));

        String text = GridText.render(state.board());
        assertThat(text).contains("svc-199").doesNotContain("svc-200 ").contains("... and 5 more services");
        assertThat(text.length()).isLessThan(40_000);
    }
}
