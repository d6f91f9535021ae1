package dev.ferry.planner.web;

import dev.ferry.planner.app.CommandAudit;
import dev.ferry.planner.app.LiveOutput;
import dev.ferry.planner.app.RunCoordinator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Status API: runs, one run's phases and steps, and a live stream of its changes. */
@RestController
class MigrationStatusController {

    private final RunCoordinator coordinator;
    private final RunStreams streams;
    private final LiveOutput output;

    MigrationStatusController(RunCoordinator coordinator, RunStreams streams, LiveOutput output) {
        this.coordinator = coordinator;
        this.streams = streams;
        this.output = output;
    }

    /** The planner's version, for {@code ferry --version}; open to anyone, like a server's banner. */
    @GetMapping("/version")
    Map<String, String> version(@Value("${ferry.version:development}") String version) {
        return Map.of("planner", version);
    }

    /** Every run, newest first. */
    @GetMapping("/migrations")
    List<MigrationStatus> migrations() {
        return coordinator.headers().stream()
                .map(header -> coordinator.view(header.id()))
                .flatMap(Optional::stream)
                .map(view -> MigrationStatus.of(view, output))
                .toList();
    }

    @GetMapping("/migrations/{id}")
    ResponseEntity<MigrationStatus> migration(@PathVariable String id) {
        return coordinator
                .view(id)
                .map(view -> MigrationStatus.of(view, output))
                .map(ResponseEntity::ok)
                .orElseThrow(() -> new UnknownRun(id));
    }

    /**
     * Every command issued for the run, applied or refused, with who issued it, their verified roles and why it was
     * refused: the audit log, oldest first. Refused commands for a run that never started are listed under its id too.
     */
    @GetMapping("/migrations/{id}/audit")
    List<CommandAudit> audit(@PathVariable String id) {
        List<CommandAudit> audit = coordinator.audit(id);
        if (audit.isEmpty() && coordinator.view(id).isEmpty()) {
            throw new UnknownRun(id);
        }
        return audit;
    }

    @GetMapping(path = "/migrations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        return streams.subscribe(coordinator.view(id).orElseThrow(() -> new UnknownRun(id)));
    }
}
