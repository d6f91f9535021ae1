package dev.ferry.data.domain;

import java.util.List;
import java.util.stream.Collectors;

/** The few SQL spellings the adapters share: quoted identifiers and lists of them. */
public final class Sql {

    private Sql() {}

    /** An identifier in double quotes; names reach here checked (letters, digits, _ and $), so none holds a quote. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String quoted(List<String> identifiers) {
        return identifiers.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }
}
