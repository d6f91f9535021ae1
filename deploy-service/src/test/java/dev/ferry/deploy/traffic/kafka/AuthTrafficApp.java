package dev.ferry.deploy.traffic.kafka;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.IntToDoubleFunction;

/**
 * A stand-in for auth-service as Prometheus sees it: {@code /metrics} exposes {@code http_requests_total} by status
 * code. Each scrape counts the requests the new backend served since the last one, which grow with the weight the
 * GitOps route gives it (plus a little health-check traffic, so the ratio is never 0/0), and the errors among them at
 * the error ratio the test sets.
 */
final class AuthTrafficApp implements AutoCloseable {

    private final HttpServer server;
    private volatile IntSupplier weight = () -> 0;
    private volatile IntToDoubleFunction errorRatioAt = weight -> 0.001;
    private double ok;
    private double errors;

    AuthTrafficApp() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** {@code 127.0.0.1:PORT}, as Prometheus's scrape target. */
    String target() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where the new backend's weight is read at each scrape: the route file at the GitOps branch's head. */
    void weightFrom(IntSupplier routeWeight) {
        this.weight = routeWeight;
    }

    /** The share of the new backend's requests that fail, by the weight it has. */
    void errorRatio(IntToDoubleFunction atWeight) {
        this.errorRatioAt = atWeight;
    }

    private synchronized String scrape() {
        int now = weight.getAsInt();
        double served = 5 + 10.0 * now;
        double errorRatio = errorRatioAt.applyAsDouble(now);
        errors += served * errorRatio;
        ok += served * (1 - errorRatio);
        return """
                # TYPE http_requests_total counter
                http_requests_total{service="auth-service",code="200"} %s
                http_requests_total{service="auth-service",code="500"} %s
                """.formatted(number(ok), number(errors));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
