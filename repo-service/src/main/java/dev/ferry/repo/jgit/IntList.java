package dev.ferry.repo.jgit;

import java.util.Arrays;

/** A growable int array: a tree number per source commit per service adds up to millions on large histories. */
final class IntList {
    private int[] values = new int[1024];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }
}
