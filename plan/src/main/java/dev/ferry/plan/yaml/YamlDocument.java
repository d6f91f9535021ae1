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

    private YamlDocument() {}

    static Optional<Node> root(String text, Problems problems) {
        var options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
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
