package dev.ferry.data.domain;

import java.util.regex.Pattern;

/** A table as {@code schema.name}; a plan's {@code users} is {@code public.users}. */
public record TableName(String schema, String name) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    public TableName {
        check(schema, "schema");
        check(name, "table");
    }

    /** Reads {@code users} or {@code public.users}; anything else is refused naming it. */
    public static TableName of(String written) {
        String[] parts = written.trim().split("\\.", -1);
        return switch (parts.length) {
            case 1 -> new TableName("public", parts[0]);
            case 2 -> new TableName(parts[0], parts[1]);
            default ->
                throw DataStepFailure.invalid("table \"" + written + "\" is not a name like users or public.users");
        };
    }

    private static void check(String identifier, String what) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw DataStepFailure.invalid(
                    what + " name \"" + identifier + "\" is not a plain SQL identifier (letters, digits, _ and $)");
        }
    }

    /** Quoted for SQL: {@code "public"."users"}. */
    public String sql() {
        return Sql.quote(schema) + "." + Sql.quote(name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
