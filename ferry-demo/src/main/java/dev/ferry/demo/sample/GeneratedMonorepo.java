package dev.ferry.demo.sample;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SampleMonorepo} wrote: where, the head of its branch, and the figures a demo summary shows.
 *
 * @param gitDirectory the repository's git directory ({@code directory} itself when bare, else its {@code .git})
 * @param commits commits reachable from the branch, merges included
 * @param tags release tags, oldest first
 * @param commitsPerService per service path, how many commits a split of that path keeps (what
 *     {@code git log --oneline -- PATH | wc -l} counts)
 */
public record GeneratedMonorepo(
        Path directory,
        Path gitDirectory,
        boolean bare,
        String branch,
        String head,
        int commits,
        long merges,
        List<String> tags,
        List<SampleService> services,
        Map<String, Integer> commitsPerService) {

    public GeneratedMonorepo {
        tags = List.copyOf(tags);
        services = List.copyOf(services);
        // In the services' order, for tables.
        commitsPerService = Collections.unmodifiableMap(new LinkedHashMap<>(commitsPerService));
    }
}
