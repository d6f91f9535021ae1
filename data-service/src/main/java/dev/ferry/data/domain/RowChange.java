package dev.ferry.data.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change to apply to the target, in source terms (source table, source column names, values as PostgreSQL text,
 * null for SQL NULL). Applying a change twice leaves the same row, so a replay after a restart is harmless.
 */
public sealed interface RowChange {

    TableName table();

    /**
     * The row as it is now; a column missing from {@code values} was not sent (an unchanged large value) and keeps
     * what the target has.
     */
    record Upsert(TableName table, Map<String, String> values) implements RowChange {
        public Upsert {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** The row with this primary key is gone. */
    record Delete(TableName table, Map<String, String> key) implements RowChange {
        public Delete {
            key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
        }
    }
}
