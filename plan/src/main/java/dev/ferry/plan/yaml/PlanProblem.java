package dev.ferry.plan.yaml;

/**
 * One thing wrong with a plan, and where: {@code plan.yaml:41:7 phases[3].dependsOn: unknown phase "bild" (did you
 * mean "build"?)}.
 *
 * @param line 1-based line of the offending text
 * @param column 1-based column of the offending text
 * @param path where in the plan, relative to {@code spec} for what is inside it ({@code phases[3].dependsOn}, list
 *     indexes from 0); empty for a problem with the file itself, such as a YAML syntax error
 */
public record PlanProblem(String file, int line, int column, String path, String message) {

    /** The problem as one line, the way compilers print errors, so editors and terminals can jump to it. */
    @Override
    public String toString() {
        String where = file + ":" + line + ":" + column + " ";
        return path.isEmpty() ? where + message : where + path + ": " + message;
    }
}
