package dev.ferry.repo.app;

import dev.ferry.contracts.avro.PhaseStarted;
import dev.ferry.contracts.avro.ServiceWork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The services of a phase grouped by their source repository: an action on the source itself (restructure, restore)
 * happens once per group, and each service of the group reports its result.
 */
final class SourceGroups {

    private SourceGroups() {}

    static List<List<ServiceWork>> of(PhaseStarted phase) {
        var bySource = new LinkedHashMap<String, List<ServiceWork>>();
        for (ServiceWork work : phase.getServices()) {
            bySource.computeIfAbsent(work.getSource().getRepository(), k -> new ArrayList<>())
                    .add(work);
        }
        return List.copyOf(bySource.values());
    }
}
