package dev.ferry.deploy.traffic.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.deploy.traffic.MetricsFailure;
import dev.ferry.testsupport.PrometheusTestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Prometheus's HTTP API as deploy-service reads it, against a real Prometheus scraping a fixed gauge. */
class PrometheusMetricsIT {

    static HttpServer target;
    static PrometheusTestServer prometheus;
    static PrometheusMetrics metrics;

    @BeforeAll
    static void start() throws Exception {
        target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        target.createContext("/metrics", exchange -> {
            byte[] body = "# TYPE queue_depth gauge\nqueue_depth{queue=\"a\"} 3\nqueue_depth{queue=\"b\"} 7\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
        prometheus =
                PrometheusTestServer.start("127.0.0.1:" + target.getAddress().getPort(), Duration.ofSeconds(1));
        metrics = new PrometheusMetrics(prometheus.url(), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> metrics.query("queue_depth").size() == 2);
    }

    @AfterAll
    static void stop() {
        prometheus.close();
        target.stop(0);
    }

    @Test
    void readsOneValuePerSeriesAndAScalar() {
        assertThat(metrics.query("sort(queue_depth)")).containsExactly(3.0, 7.0);
        assertThat(metrics.query("scalar(sum(queue_depth)) / 20")).containsExactly(0.5);
    }

    @Test
    void aQueryWithNoSeriesGivesNoValue() {
        assertThat(metrics.query("queue_depth{queue=\"none\"}")).isEmpty();
    }

    @Test
    void aQueryPrometheusRejectsCarriesItsError() {
        assertThatThrownBy(() -> metrics.query("sum(rate(queue_depth[1m])"))
                .isInstanceOf(MetricsFailure.Rejected.class)
                .hasMessageStartingWith("bad_data: ");
    }

    @Test
    void aPrometheusThatDoesNotAnswerIsUnreachable() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var nowhere = new PrometheusMetrics(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(2));

        assertThatThrownBy(() -> nowhere.query("up"))
                .isInstanceOf(MetricsFailure.Unreachable.class)
                .hasMessageContaining("Prometheus at http://127.0.0.1:" + closed + "/ cannot be reached");
    }
}
