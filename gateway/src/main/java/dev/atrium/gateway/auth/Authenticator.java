package dev.atrium.gateway.auth;

import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorCode;
import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.TokenVerifier;
import dev.atrium.gateway.GatewayErrors;
import dev.atrium.gateway.client.AuthClient;
import dev.atrium.gateway.config.GatewayConfig;
import dev.atrium.proto.auth.v1.Principal;
import io.grpc.StatusRuntimeException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns the presented credential into an {@link Identity}. JWTs are verified locally by core's
 * {@link TokenVerifier}; that runs on a worker thread because the first use (and an unknown {@code kid})
 * fetches auth-service's JWKS with a blocking HTTP call. PATs ({@code pat_}) and app API keys ({@code ak_})
 * are resolved by auth-service over gRPC and cached briefly; services behind the gateway then receive the
 * short-lived JWT auth-service issued for them.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger(Authenticator.class);
    private static final long EXPIRY_MARGIN_SECONDS = 5;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Vertx vertx;
    private final TokenVerifier verifier;
    private final AuthClient authClient;
    private final CredentialCache cache;
    private final Revocations revocations;
    private final long cacheTtlSeconds;

    public Authenticator(Vertx vertx, TokenVerifier verifier, AuthClient authClient, CredentialCache cache,
                         Revocations revocations, GatewayConfig config) {
        this.vertx = vertx;
        this.verifier = verifier;
        this.authClient = authClient;
        this.cache = cache;
        this.revocations = revocations;
        this.cacheTtlSeconds = config.auth().cacheTtl().toSeconds();
    }

    /** Must be called on a Vert.x context; the future completes on that same context. */
    public Future<Identity> authenticate(String credential) {
        if (credential == null || credential.isBlank()) {
            return fail(GatewayErrors.MISSING_CREDENTIAL);
        }
        if (credential.length() > 8192) {
            return fail(GatewayErrors.INVALID_CREDENTIAL);
        }
        if (credential.startsWith("pat_") || credential.startsWith("ak_")) {
            return resolve(credential);
        }
        if (isJwtShaped(credential)) {
            return vertx.executeBlocking(() -> verifier.verify(credential), false)
                    .compose(caller -> caller.map(Authenticator::identityOf)
                            .orElseGet(() -> fail(GatewayErrors.INVALID_CREDENTIAL)));
        }
        return fail(GatewayErrors.INVALID_CREDENTIAL);
    }

    private static Future<Identity> identityOf(Caller caller) {
        return Future.succeededFuture(new Identity(Long.toString(caller.userId()), caller.rawToken()));
    }

    private Future<Identity> resolve(String credential) {
        String key = CredentialCache.keyOf(credential);
        Optional<ResolvedCredential> cached = cache.get(key);
        if (cached.isPresent()) {
            ResolvedCredential hit = cached.get();
            if (revocations.isCredentialRevoked(hit.credentialId()) || revocations.isRevoked(hit.accessTokenId(), null)) {
                cache.invalidateCredential(hit.credentialId());
                return fail(GatewayErrors.INVALID_CREDENTIAL);
            }
            return Future.succeededFuture(new Identity(hit.userId(), hit.accessToken()));
        }
        Context context = vertx.getOrCreateContext();
        Promise<Identity> result = Promise.promise();
        authClient.resolve(credential).subscribe().with(
                principal -> context.runOnContext(v -> accept(key, principal, result)),
                failure -> context.runOnContext(v -> result.fail(mapFailure(failure))));
        return result.future();
    }

    private void accept(String key, Principal principal, Promise<Identity> result) {
        if (principal.getAccessToken().isEmpty() || principal.getUserId().isEmpty()
                || revocations.isCredentialRevoked(principal.getCredentialId())) {
            result.fail(new DomainException(GatewayErrors.INVALID_CREDENTIAL));
            return;
        }
        long now = Instant.now().getEpochSecond();
        long ttl = cacheTtlSeconds;
        if (principal.getAccessTokenExpiresAt() > 0) {
            ttl = Math.min(ttl, principal.getAccessTokenExpiresAt() - now - EXPIRY_MARGIN_SECONDS);
        }
        if (principal.getExpiresAt() > 0) {
            ttl = Math.min(ttl, principal.getExpiresAt() - now);
        }
        if (ttl > 0) {
            cache.put(key, new ResolvedCredential(principal.getUserId(), principal.getCredentialId(),
                    principal.getAccessToken(), jtiOf(principal.getAccessToken()), System.nanoTime() + ttl * 1_000_000_000L));
        }
        result.complete(new Identity(principal.getUserId(), principal.getAccessToken()));
    }

    private static DomainException mapFailure(Throwable failure) {
        if (failure instanceof StatusRuntimeException e) {
            switch (e.getStatus().getCode()) {
                case UNAUTHENTICATED, NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT, FAILED_PRECONDITION -> {
                    return new DomainException(GatewayErrors.INVALID_CREDENTIAL);
                }
                default -> {
                    LOG.warnf("auth-service could not resolve a credential: %s", e.getStatus());
                    return new DomainException(GatewayErrors.AUTH_UNAVAILABLE);
                }
            }
        }
        LOG.warnf(failure, "auth-service call failed");
        return new DomainException(GatewayErrors.AUTH_UNAVAILABLE);
    }

    /** The jti of a JWT auth-service just issued (trusted: it came over the authenticated gRPC channel). */
    static String jtiOf(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("jti").asText(null);
        } catch (java.io.IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isJwtShaped(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        return first > 0 && second > first && token.indexOf('.', second + 1) < 0;
    }

    private static <T> Future<T> fail(ErrorCode code) {
        return Future.failedFuture(new DomainException(code));
    }
}
