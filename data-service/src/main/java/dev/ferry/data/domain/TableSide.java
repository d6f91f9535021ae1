package dev.ferry.data.domain;

import java.util.List;
import java.util.Optional;

/**
 * One side of a table comparison, answered by the database itself: chunk ends, a count and a checksum per key range
 * (the rows are never loaded), and a few rows when a range differs.
 */
public interface TableSide {

    /** The key of the {@code rows}-th row after {@code after} in key order, or empty when fewer rows remain. */
    Optional<List<String>> keyAfter(Optional<List<String>> after, int rows);

    /** The count and a checksum of the rows in the range, each row's columns in the source's column order. */
    Digest digest(KeyRange range);

    /** At most {@code limit} rows of the range in key order: the key, then every column, as text. */
    List<Row> rows(KeyRange range, int limit);

    /** A count and a checksum of rows in key order. */
    record Digest(long rows, String checksum) {}

    /** A row as text: its key, and its columns in the source's order (null for SQL NULL). */
    record Row(List<String> key, List<String> values) {}
}
