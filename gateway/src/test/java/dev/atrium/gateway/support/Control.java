package dev.atrium.gateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;

/** Reaches the test upstreams directly (not through the gateway) to steer them and read their counters. */
public final class Control {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Control() {
    }

    public static String upstream(String service) {
        return ConfigProvider.getConfig().getValue("atrium.gateway.services." + service, String.class);
    }

    public static String get(String pathAndQuery) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(upstream("bot") + pathAndQuery))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int grpcCalls(String credential) {
        return Integer.parseInt(get("/__control/grpc-calls?credential=" + credential));
    }

    public static int webSocketsClosedByPeer() {
        return Integer.parseInt(get("/__control/ws-closed"));
    }

    public static void releaseStream(String id) {
        get("/__control/release?id=" + id);
    }
}
