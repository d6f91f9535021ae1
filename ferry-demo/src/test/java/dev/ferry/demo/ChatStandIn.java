package dev.ferry.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A chat tool's JSON webhook on localhost: records every message the notifier sends, in order. */
final class ChatStandIn implements AutoCloseable {

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    ChatStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                messages.add(json.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    /** The URL to give the notifier as {@code ferry.notifier.json-webhook-url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<JsonNode> messages() {
        return messages;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
