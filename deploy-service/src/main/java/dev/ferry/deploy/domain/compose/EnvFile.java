package dev.ferry.deploy.domain.compose;

import dev.ferry.deploy.domain.StepFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@code env_file} or {@code .env}: {@code KEY=VALUE} lines, {@code #} comments, optional quotes around values. */
final class EnvFile {

    private EnvFile() {}

    static Map<String, String> parse(String file, String text) {
        var values = new LinkedHashMap<String, String>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw StepFailure.invalid(file + ":" + (i + 1) + ": '" + line + "' is not KEY=VALUE");
            }
            values.put(
                    line.substring(0, eq).strip(),
                    unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        int comment = value.indexOf(" #");
        return comment < 0 ? value : value.substring(0, comment).strip();
    }
}
