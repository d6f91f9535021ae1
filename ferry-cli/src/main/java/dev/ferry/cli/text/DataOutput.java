package dev.ferry.cli.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code -o json|yaml} prints: the data a command shows, as the planner's API gives it, for scripts. JSON is
 * one document per line (so {@code --watch} gives JSON lines); YAML is one document per {@code ---}.
 */
public enum DataOutput {
    TEXT,
    JSON,
    YAML;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** Prints {@code data} as JSON or YAML; not for {@link #TEXT}, which each command prints its own way. */
    public void print(PrintWriter out, Object data) {
        switch (this) {
            case JSON -> {
                try {
                    out.println(MAPPER.writeValueAsString(data));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(
                            "cannot write " + data.getClass().getSimpleName() + " as JSON", e);
                }
            }
            case YAML -> {
                var options = new DumperOptions();
                options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
                options.setExplicitStart(true);
                out.print(new Yaml(options).dump(MAPPER.convertValue(data, Object.class)));
                out.flush();
            }
            case TEXT -> throw new IllegalStateException("text is printed by each command");
        }
    }
}
