package dev.ferry.plan.yaml;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Parses the plan text into SnakeYAML's node tree, which keeps every value's position (plain Java objects would lose
 * them). A syntax error becomes a problem at the position the parser gives.
 */
final class YamlDocument {

    /** Far more than any plan needs, low enough that a "billion laughs" document is refused. */
    private static final int MAX_ALIASES = 200;

    /**
     * A plan of 500 services with every field written out is about 200 KB; the planner reads whole plans into memory
     * and copies them into each run's record, so a bigger text is refused before it is parsed.
     */
    static final int MAX_CHARACTERS = 4 * 1024 * 1024;

    /** A plan nests about six levels deep; a document nested hundreds deep is an attack on the parser's stack. */
    static final int MAX_NESTING = 32;

    private YamlDocument() {}

    static Optional<Node> root(String text, Problems problems) {
        if (text.length() > MAX_CHARACTERS) {
            problems.atStart("the plan is " + text.length() + " characters long; Ferry reads plans of up to "
                    + MAX_CHARACTERS + " (split a larger one into several plans)");
            return Optional.empty();
        }
        var options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_CHARACTERS);
        options.setNestingDepthLimit(MAX_NESTING);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                problems.atStart("the plan is empty; it starts with apiVersion: " + PlanDrafts.API_VERSION
                        + " and kind: " + PlanDrafts.KIND);
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            problems.add(e.getProblemMark(), "", "not valid YAML: " + e.getProblem() + context(e));
        } catch (YAMLException e) {
            problems.atStart("not valid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static String context(MarkedYAMLException e) {
        if (e.getContext() == null || e.getContextMark() == null) {
            return "";
        }
        return " (" + e.getContext() + " that starts at line "
                + (e.getContextMark().getLine() + 1) + ")";
    }
}
