package dev.atrium.bot.client;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.bot.BotErrors;
import dev.atrium.bot.config.BotConfig;
import dev.atrium.core.error.CommonErrors;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.grpc.IdentityServerInterceptor;
import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CallerCache;
import dev.atrium.proto.auth.v1.AuthServiceGrpc;
import dev.atrium.proto.auth.v1.GetCallerPrincipalRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.WorkspaceRole;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which workspaces a caller belongs to, from auth-service's {@code GetCallerPrincipal}. Answers are cached
 * per token for a few seconds ({@code atrium.bot.membership-cache-ttl}): a removed member keeps access
 * at most that long, and a burst of requests costs one call. Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class AuthClient {

    private static final Logger LOG = Logger.getLogger(AuthClient.class);
    private static final int MAX_CACHED = 50_000;

    public record Membership(String role, String type) {
        public boolean canManage() {
            return "owner".equals(role) || "admin".equals(role);
        }
    }

    /** The caller's workspaces (an app API key: only the one it is bound to). */
    public record Memberships(Map<Long, Membership> workspaces) {
        public Optional<Membership> of(long workspaceId) {
            return Optional.ofNullable(workspaces.get(workspaceId));
        }

        public Optional<Long> personal() {
            return workspaces.entrySet().stream().filter(e -> "personal".equals(e.getValue().type()))
                    .map(Map.Entry::getKey).findFirst();
        }
    }

    private final AuthServiceGrpc.AuthServiceBlockingStub stub;
    private final BotConfig config;
    private final CallerCache<Memberships> cache = new CallerCache<>(MAX_CACHED);

    public AuthClient(@GrpcClient("auth") AuthServiceGrpc.AuthServiceBlockingStub stub, BotConfig config) {
        this.stub = stub;
        this.config = config;
    }

    public Memberships memberships(Caller caller) {
        return cache.get(caller, config.membershipCacheTtl(), this::fetch);
    }

    private Memberships fetch(Caller caller) {
        Metadata headers = new Metadata();
        headers.put(IdentityServerInterceptor.AUTHORIZATION, "Bearer " + caller.rawToken());
        Principal principal;
        try {
            principal = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(config.authTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getCallerPrincipal(GetCallerPrincipalRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
                throw new DomainException(new CommonErrors(BotErrors.AGENT).unauthenticated());
            }
            LOG.warnf("auth-service GetCallerPrincipal failed: %s", e.getStatus());
            throw new DomainException(BotErrors.AUTH_UNAVAILABLE);
        }
        Map<Long, Membership> workspaces = new HashMap<>();
        for (WorkspaceRole role : principal.getWorkspacesList()) {
            workspaces.put(Long.parseLong(role.getWorkspaceId()), new Membership(role.getRole(), role.getWorkspaceType()));
        }
        return new Memberships(Map.copyOf(workspaces));
    }
}
