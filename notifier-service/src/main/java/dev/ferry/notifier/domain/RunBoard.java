package dev.ferry.notifier.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live grid of one run: phases in the order they started, services in the order they appeared, and a status per
 * cell. {@code version} grows with every change, so a sink knows whether the message it shows is stale.
 *
 * @param planName plan of the run, empty until an event naming it arrived
 * @param phaseEnvironments environment of each phase that has one
 * @param cells status per phase, then per service
 * @param outcome how the run ended, empty while it runs
 */
public record RunBoard(
        String migrationId,
        String planName,
        List<String> phases,
        List<String> services,
        Map<String, String> phaseEnvironments,
        Map<String, Map<String, CellStatus>> cells,
        String outcome,
        int version) {

    public RunBoard {
        phases = List.copyOf(phases);
        services = List.copyOf(services);
        phaseEnvironments = Map.copyOf(phaseEnvironments);
        cells = copy(cells);
    }

    public static RunBoard empty(String migrationId) {
        return new RunBoard(migrationId, "", List.of(), List.of(), Map.of(), Map.of(), "", 0);
    }

    public CellStatus status(String phase, String service) {
        return cells.getOrDefault(phase, Map.of()).getOrDefault(service, CellStatus.PENDING);
    }

    /** Environments the run has touched, in the order their phases started. */
    public List<String> environments() {
        return phases.stream()
                .map(phaseEnvironments::get)
                .filter(e -> e != null)
                .distinct()
                .toList();
    }

    RunBoard withPlan(String plan) {
        if (plan == null || plan.isBlank() || plan.equals(planName)) {
            return this;
        }
        return new RunBoard(migrationId, plan, phases, services, phaseEnvironments, cells, outcome, version + 1);
    }

    RunBoard withPhase(String phase, String environment) {
        var newPhases = new ArrayList<>(phases);
        if (!newPhases.contains(phase)) {
            newPhases.add(phase);
        }
        var envs = new LinkedHashMap<>(phaseEnvironments);
        if (environment != null) {
            envs.put(phase, environment);
        }
        return new RunBoard(migrationId, planName, newPhases, services, envs, cells, outcome, version + 1);
    }

    /** Sets a cell; a finished cell stays as it is unless {@code status} is itself a result. */
    RunBoard withCell(String phase, String service, CellStatus status) {
        CellStatus current = status(phase, service);
        if (current == status || (current.finished() && !status.finished())) {
            return this;
        }
        var newServices = new ArrayList<>(services);
        if (!newServices.contains(service)) {
            newServices.add(service);
        }
        var newCells = copyMutable(cells);
        newCells.computeIfAbsent(phase, p -> new LinkedHashMap<>()).put(service, status);
        var board = new RunBoard(
                migrationId, planName, phases, newServices, phaseEnvironments, newCells, outcome, version + 1);
        return phases.contains(phase) ? board : board.withPhase(phase, null);
    }

    RunBoard withOutcome(String newOutcome) {
        return new RunBoard(migrationId, planName, phases, services, phaseEnvironments, cells, newOutcome, version + 1);
    }

    /** Services of a phase whose cell currently has {@code status}. */
    List<String> servicesIn(String phase, CellStatus status) {
        return services.stream().filter(s -> status(phase, s) == status).toList();
    }

    private static Map<String, Map<String, CellStatus>> copy(Map<String, Map<String, CellStatus>> cells) {
        var copy = new LinkedHashMap<String, Map<String, CellStatus>>();
        cells.forEach((phase, row) -> copy.put(phase, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(row))));
        return java.util.Collections.unmodifiableMap(copy);
    }

    private static Map<String, Map<String, CellStatus>> copyMutable(Map<String, Map<String, CellStatus>> cells) {
        var copy = new LinkedHashMap<String, Map<String, CellStatus>>();
        cells.forEach((phase, row) -> copy.put(phase, new LinkedHashMap<>(row)));
        return copy;
    }
}
