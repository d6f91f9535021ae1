package dev.ferry.planner.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.planner.PlannerApplication;
import dev.ferry.testsupport.ServiceBoot;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;

/**
 * A sender that declares big webhook bodies and trickles them in one byte a second cannot make the planner hold what
 * it has not sent: 45 such connections cost the planner's heap a few kilobytes each, not the 25 MB each declares
 * (1.1 GB in all, were buffers sized by Content-Length before the signature is checked).
 */
class SlowWebhookBodiesIT {
    private static final int CONNECTIONS = 45;
    private static final long DECLARED = 25L * 1000 * 1000;

    @TempDir
    Path data;

    @Test
    void fortyFiveSlowBodiesDoNotFillTheHeapAndThePlannerKeepsAnswering() throws Exception {
        try (var planner = ServiceBoot.start(
                PlannerApplication.class,
                "--ferry.planner.data-directory=" + data,
                "--ferry.planner.github.webhook-secret=slow-body-test")) {
            int port = ((WebServerApplicationContext) planner).getWebServer().getPort();
            long before = usedHeapAfterGc();
            var senders = new ArrayList<Socket>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    socket.getOutputStream().write(headers(port, i).getBytes(StandardCharsets.US_ASCII));
                    senders.add(socket);
                }
                for (int second = 0; second < 4; second++) {
                    for (Socket socket : senders) {
                        OutputStream out = socket.getOutputStream();
                        out.write('{');
                        out.flush();
                    }
                    Thread.sleep(1000);
                }
                long during = usedHeapAfterGc();
                long grown = during - before;
                System.out.printf(
                        "planner heap with %d slow %d-byte bodies open: %d KiB before, %d KiB during (%+d KiB)%n",
                        CONNECTIONS, DECLARED, before / 1024, during / 1024, grown / 1024);
                assertThat(grown)
                        .as("heap grown while %d connections each declare %d bytes", CONNECTIONS, DECLARED)
                        .isLessThan(64L * 1024 * 1024);
                assertThat(PlannerFlowIT.get(planner, "/migrations")).isNotNull();
            } finally {
                for (Socket socket : senders) {
                    socket.close();
                }
            }
        }
    }

    private static String headers(int port, int i) {
        return "POST /webhooks/github HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + DECLARED + "\r\n"
                + "X-GitHub-Event: push\r\n"
                + "X-GitHub-Delivery: slow-" + i + "\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n"
                + "\r\n";
    }

    /** The JVM's used heap after a collection: the planner runs in this JVM, so this is the planner's too. */
    private static long usedHeapAfterGc() throws InterruptedException {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            samples.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return samples.stream().mapToLong(Long::longValue).min().orElseThrow();
    }
}
