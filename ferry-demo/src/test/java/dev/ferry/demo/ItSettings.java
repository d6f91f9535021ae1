package dev.ferry.demo;

import dev.ferry.demo.embedded.EmbeddedBroker;
import dev.ferry.demo.embedded.FerryService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The demo's settings for an IT's embedded services, in maps the test adds its credentials and hosts to. */
final class ItSettings {

    private ItSettings() {}

    /** @param data the test's own directory; the services keep their state under {@code data/ferry} */
    static Map<FerryService, Map<String, Object>> under(Path data, EmbeddedBroker broker, String registryHost) {
        var layout = new DemoLayout(data.resolve("ferry"));
        layout.prepare();
        Map<FerryService, Map<String, Object>> settings = new LinkedHashMap<>();
        DemoSettings.of(layout, broker.bootstrapServers(), registryHost)
                .forEach((service, values) -> settings.put(service, new HashMap<>(values)));
        return settings;
    }
}
