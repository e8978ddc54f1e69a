package dev.atrium.gateway.proxy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import dev.atrium.core.error.ErrorCode;
import dev.atrium.gateway.GatewayErrors;

/** Maps a failed upstream exchange to the envelope the client gets. */
final class UpstreamFailures {

    private UpstreamFailures() {
    }

    static ErrorCode codeOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.netty.channel.ConnectTimeoutException || t instanceof TimeoutException) {
                return GatewayErrors.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return GatewayErrors.UPSTREAM_DOWN;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return GatewayErrors.BAD_GATEWAY;
    }
}
