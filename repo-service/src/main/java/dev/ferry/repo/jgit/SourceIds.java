package dev.ferry.repo.jgit;

import dev.ferry.repo.domain.MessageHashRewriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** Source commits walked so far: their numbers, full ids, and an index by the first 7 hex digits. */
final class SourceIds {
    private final Map<ObjectId, Integer> index = new HashMap<>();
    private final List<ObjectId> ids = new ArrayList<>();
    private final Map<String, List<Integer>> byPrefix = new HashMap<>();

    private int prefixed;

    void add(ObjectId commit) {
        ObjectId id = commit.copy();
        index.put(id, ids.size());
        ids.add(id);
    }

    /** Indexes by 7-digit prefix only when a message asks: most histories never abbreviate a commit id. */
    private Map<String, List<Integer>> byPrefix() {
        for (; prefixed < ids.size(); prefixed++) {
            byPrefix.computeIfAbsent(ids.get(prefixed).name().substring(0, 7), p -> new ArrayList<>(1))
                    .add(prefixed);
        }
        return byPrefix;
    }

    int size() {
        return ids.size();
    }

    ObjectId idOf(int number) {
        return ids.get(number);
    }

    Integer numberOf(ObjectId id) {
        return index.get(id);
    }

    int[] numbersOf(ObjectId[] commits) {
        int[] numbers = new int[commits.length];
        for (int i = 0; i < commits.length; i++) {
            numbers[i] = index.get(commits[i]);
        }
        return numbers;
    }

    /** What a service's commit messages may name: the new ids of the source commits kept so far. */
    MessageHashRewriter.WrittenCommits asSeenBy(ServiceSplit service) {
        return new MessageHashRewriter.WrittenCommits() {
            @Override
            public Optional<String> newIdOf(String sourceId) {
                Integer source = index.get(ObjectId.fromString(sourceId));
                if (source == null) {
                    return Optional.empty();
                }
                var kept = service.history.keptAs(source);
                return kept.isPresent()
                        ? Optional.of(service.newIds.get(kept.getAsInt()).name())
                        : Optional.empty();
            }

            @Override
            public List<String> writtenWithPrefix(String sevenDigits) {
                return byPrefix().getOrDefault(sevenDigits, List.of()).stream()
                        .filter(source -> service.history.keptAs(source).isPresent())
                        .map(source -> ids.get(source).name())
                        .toList();
            }
        };
    }
}
