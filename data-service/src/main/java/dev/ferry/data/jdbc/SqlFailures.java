package dev.ferry.data.jdbc;

import dev.ferry.data.domain.DataStepFailure;
import java.sql.SQLException;

/**
 * Translates JDBC errors by their SQLSTATE class: a connection that failed (08) may work on the next try; a refused
 * login (28) or a missing object (42P01) will not until someone changes the configuration or the plan.
 */
public final class SqlFailures {

    private SqlFailures() {}

    public static DataStepFailure translate(SQLException e, String doing) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = doing + ": " + e.getMessage();
        if (state.startsWith("08") || state.startsWith("57P")) {
            return new DataStepFailure(DataStepFailure.Kind.UNREACHABLE, true, message, e);
        }
        if (state.startsWith("28")) {
            return new DataStepFailure(DataStepFailure.Kind.AUTHENTICATION, false, message, e);
        }
        if (state.equals("42P01") || state.equals("3D000")) {
            return new DataStepFailure(DataStepFailure.Kind.NOT_FOUND, false, message, e);
        }
        if (state.startsWith("42")) {
            return new DataStepFailure(DataStepFailure.Kind.INVALID_INPUT, false, message, e);
        }
        return new DataStepFailure(DataStepFailure.Kind.INTERNAL, true, message, e);
    }
}
