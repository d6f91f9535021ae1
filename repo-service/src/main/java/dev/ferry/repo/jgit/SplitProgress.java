package dev.ferry.repo.jgit;

/** Told after every source commit a split walks, so a long walk can report progress. */
@FunctionalInterface
public interface SplitProgress {

    SplitProgress NONE = walked -> {};

    /** @param walked source commits walked so far in this run */
    void walked(int walked);
}
