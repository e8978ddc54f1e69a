package dev.atrium.launcher;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;

/**
 * Stands in for a packaged Quarkus service in launcher tests: serves {@code /q/health/ready} on
 * {@code QUARKUS_HTTP_PORT} and shows its environment at {@code /env}. Exits at once with code 3 when
 * {@code FAKE_EXIT_NODE_ID} names its {@code ATRIUM_NODE_ID}.
 */
public final class FakeService {

    public static void main(String[] args) throws IOException {
        String nodeId = System.getenv("ATRIUM_NODE_ID");
        if (nodeId != null && nodeId.equals(System.getenv("FAKE_EXIT_NODE_ID"))) {
            System.out.println("fake service " + nodeId + " refusing to start");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("QUARKUS_HTTP_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.createContext("/q/health/ready", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/env", exchange -> {
            StringBuilder sb = new StringBuilder();
            new TreeMap<>(System.getenv()).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
            respond(exchange, 200, sb.toString());
        });
        server.start();
        System.out.println("fake service " + nodeId + " listening on " + port);
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
