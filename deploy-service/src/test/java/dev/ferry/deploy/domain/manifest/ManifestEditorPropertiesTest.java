package dev.ferry.deploy.domain.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.domain.ImageVersion;
import dev.ferry.deploy.domain.KeyPath;
import dev.ferry.deploy.domain.TagLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.yaml.snakeyaml.Yaml;

/** Whatever the file looks like, an edit changes the one value it targets and not a character elsewhere. */
class ManifestEditorPropertiesTest {

    private static final List<String> STYLES = List.of("plain", "single", "double");

    @Property(tries = 200)
    void changesExactlyTheTargetedValue(@ForAll("valuesFiles") ValuesFile file, @ForAll("tags") String tag) {
        String path = file.leafPaths()
                .get(Math.floorMod(tag.hashCode(), file.leafPaths().size()));

        var result = ManifestEditor.edit(
                "values.yaml", file.text(), new TagLocation.HelmValue(KeyPath.parse(path)), ImageVersion.tagged(tag));

        Map<String, Object> expected = new Yaml().load(file.text());
        setLeaf(expected, path.split("\\."), tag);
        if (result instanceof EditResult.Changed changed) {
            Map<String, Object> actual = new Yaml().load(changed.text());
            assertThat(actual).isEqualTo(expected);
            assertThat(differingLines(file.text(), changed.text())).hasSize(1);
        } else {
            Map<String, Object> unchanged = new Yaml().load(file.text());
            assertThat(unchanged).isEqualTo(expected);
        }
    }

    @Property(tries = 50)
    void editingTwiceIsEditingOnce(@ForAll("valuesFiles") ValuesFile file, @ForAll("tags") String tag) {
        var location = new TagLocation.HelmValue(KeyPath.parse(file.leafPaths().getFirst()));
        var first = ManifestEditor.edit("values.yaml", file.text(), location, ImageVersion.tagged(tag));
        String afterFirst = first instanceof EditResult.Changed c ? c.text() : file.text();

        var second = ManifestEditor.edit("values.yaml", afterFirst, location, ImageVersion.tagged(tag));

        assertThat(second).isInstanceOf(EditResult.AlreadyCurrent.class);
    }

    @Provide
    Arbitrary<String> tags() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars("abcdef0123456789-._")
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .filter(s -> Character.isLetterOrDigit(s.charAt(0))),
                Arbitraries.of("1.10", "true", "null", "0x1F", "2024", "v1", "user-service-3f2a9c1", "1e3"));
    }

    @Provide
    Arbitrary<ValuesFile> valuesFiles() {
        return node(3).map(tree -> {
            var text = new StringBuilder("# generated values\n");
            var paths = new ArrayList<String>();
            render(tree, "", 0, text, paths);
            return new ValuesFile(text.toString(), paths);
        });
    }

    record ValuesFile(String text, List<String> leafPaths) {}

    /** A tree of keys whose leaves hold a value, a quoting style and maybe a trailing comment. */
    record Leaf(String value, String style, String comment) {}

    private Arbitrary<Map<String, Object>> node(int depth) {
        // Keys such as "on" or "y" load as booleans in YAML 1.1; the oracle below needs string keys.
        Arbitrary<String> keys = Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(ScalarRendering::readsAsPlainString);
        Arbitrary<Object> leaf = Combinators.combine(
                        Arbitraries.strings()
                                .withChars("abcxyz0123-. ")
                                .ofMinLength(1)
                                .ofMaxLength(10)
                                .filter(s -> !s.isBlank() && s.strip().equals(s)),
                        Arbitraries.of(STYLES),
                        Arbitraries.of("", "  # note", " # keep: me"))
                .as(Leaf::new);
        Arbitrary<Object> child =
                depth == 0 ? leaf : Arbitraries.oneOf(leaf, node(depth - 1).map(m -> (Object) m));
        return Arbitraries.maps(keys, child).ofMinSize(1).ofMaxSize(4).map(LinkedHashMap::new);
    }

    @SuppressWarnings("unchecked")
    private static void render(
            Map<String, Object> map, String prefix, int indent, StringBuilder out, List<String> paths) {
        for (var e : map.entrySet()) {
            String pad = " ".repeat(indent);
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Leaf leaf) {
                out.append(pad)
                        .append(e.getKey())
                        .append(": ")
                        .append(quoted(leaf))
                        .append(leaf.comment)
                        .append('\n');
                paths.add(path);
            } else {
                out.append(pad).append(e.getKey()).append(":   # section\n");
                render((Map<String, Object>) e.getValue(), path, indent + 2, out, paths);
            }
        }
    }

    private static String quoted(Leaf leaf) {
        return switch (leaf.style) {
            case "single" -> "'" + leaf.value + "'";
            case "double" -> "\"" + leaf.value + "\"";
            default -> ScalarRendering.readsAsPlainString(leaf.value) ? leaf.value : "'" + leaf.value + "'";
        };
    }

    @SuppressWarnings("unchecked")
    private static void setLeaf(Map<String, Object> map, String[] path, String value) {
        Map<String, Object> node = map;
        for (int i = 0; i < path.length - 1; i++) {
            node = (Map<String, Object>) node.get(path[i]);
        }
        node.put(path[path.length - 1], value);
    }

    private static List<Integer> differingLines(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        assertThat(b).hasSameSizeAs(a);
        var differing = new ArrayList<Integer>();
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i])) {
                differing.add(i);
            }
        }
        return differing;
    }
}
