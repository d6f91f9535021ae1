package dev.ferry.build.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The benchmarks' seven services, and their markdown tables, printed and written where the run script reads them. */
final class BenchReport {

    static final List<String> SERVICES = List.of(
            "api-gateway",
            "user-service",
            "training-service",
            "schedule-service",
            "progress-service",
            "notification-service",
            "frontend");

    private BenchReport() {}

    /** Prints the table and writes it to {@code target/bench/<file>}. */
    static void publish(String file, List<String> table) throws IOException {
        String text = String.join("\n", table);
        System.out.println("\n" + text + "\n");
        Path out = Path.of("target", "bench", file);
        Files.createDirectories(out.getParent());
        Files.writeString(out, text + "\n");
    }
}
