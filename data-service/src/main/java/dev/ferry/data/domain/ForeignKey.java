package dev.ferry.data.domain;

/**
 * A relationship the target must keep, as a plan writes it: {@code contacts.user_id -> users.id} (target names; a
 * table may carry its schema, {@code public.contacts.user_id}).
 */
public record ForeignKey(TableName child, String column, TableName parent, String parentColumn) {

    public static ForeignKey of(String written) {
        String[] sides = written.split("->");
        if (sides.length != 2) {
            throw DataStepFailure.invalid(
                    "foreign key \"" + written + "\" is not written table.column -> table.column");
        }
        String[] child = column(sides[0], written);
        String[] parent = column(sides[1], written);
        return new ForeignKey(TableName.of(child[0]), child[1], TableName.of(parent[0]), parent[1]);
    }

    private static String[] column(String side, String written) {
        String trimmed = side.trim();
        int dot = trimmed.lastIndexOf('.');
        if (dot < 1 || dot == trimmed.length() - 1) {
            throw DataStepFailure.invalid("foreign key \"" + written + "\": \"" + trimmed + "\" is not table.column");
        }
        TableName.of(trimmed.substring(0, dot));
        new TableName("public", trimmed.substring(dot + 1));
        return new String[] {trimmed.substring(0, dot), trimmed.substring(dot + 1)};
    }

    @Override
    public String toString() {
        return child.name() + "." + column + " -> " + parent.name() + "." + parentColumn;
    }
}
