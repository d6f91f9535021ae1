package dev.ferry.cli.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server speaking the planner's status API as documented: JSON bodies and an SSE stream. */
final class PlannerStandIn implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** The Authorization header of each request, "none" when it had none, in order. */
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    record Answer(int status, String contentType, List<String> chunks) {}

    PlannerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void json(String path, int status, String body) {
        answers.put(path, new Answer(status, "application/json", List.of(body)));
    }

    /** Each chunk is written and flushed on its own, then the stream ends. */
    void events(String path, List<String> chunks) {
        answers.put(path, new Answer(200, "text/event-stream", chunks));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "none" : authorization);
        Answer answer = answers.getOrDefault(
                exchange.getRequestURI().getRawPath(),
                new Answer(404, "application/json", List.of("{\"error\": \"no such path\"}")));
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), 0);
        try (OutputStream body = exchange.getResponseBody()) {
            for (String chunk : answer.chunks()) {
                body.write(chunk.getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
