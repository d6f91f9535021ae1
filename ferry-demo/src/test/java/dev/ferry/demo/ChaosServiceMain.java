package dev.ferry.demo;

import dev.ferry.demo.embedded.EmbeddedServices;
import dev.ferry.demo.embedded.FerryService;
import java.util.HashMap;
import java.util.Map;

/**
 * One Ferry service in a JVM of its own, as the chaos test starts it: {@code ChaosServiceMain PLANNER --key=value ...}
 * runs that service exactly as the embedded stack would (its own defaults, the settings given), says so on standard
 * output once it has joined its consumer groups, and runs until it is killed.
 */
public final class ChaosServiceMain {

    static final String STARTED = "ferry-chaos: started ";

    private ChaosServiceMain() {}

    public static void main(String[] args) throws InterruptedException {
        FerryService service = FerryService.valueOf(args[0]);
        Map<String, Object> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String setting = args[i].substring(2);
            int equals = setting.indexOf('=');
            settings.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        var services = new EmbeddedServices(Map.of(service, settings));
        services.start(service);
        System.out.println(STARTED + service + " port " + services.port(service));
        Thread.currentThread().join();
    }
}
