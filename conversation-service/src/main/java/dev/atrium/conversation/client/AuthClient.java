package dev.atrium.conversation.client;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.atrium.conversation.ConversationErrors;
import dev.atrium.conversation.config.ConversationConfig;
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
 * The workspaces a caller belongs to, from auth-service's {@code GetCallerPrincipal}, cached per token for
 * {@code atrium.conversation.membership-cache-ttl}: a removed member keeps access at most that long. Blocking.
 */
@ApplicationScoped
public class AuthClient {

    private static final Logger LOG = Logger.getLogger(AuthClient.class);
    private static final int MAX_CACHED = 50_000;

    /** The caller's workspaces and which of them is the personal one. */
    public record Memberships(Set<Long> workspaces, Optional<Long> personal) {
        public boolean contains(long workspaceId) {
            return workspaces.contains(workspaceId);
        }
    }

    private final AuthServiceGrpc.AuthServiceBlockingStub stub;
    private final ConversationConfig config;
    private final CallerCache<Memberships> cache = new CallerCache<>(MAX_CACHED);

    public AuthClient(@GrpcClient("auth") AuthServiceGrpc.AuthServiceBlockingStub stub, ConversationConfig config) {
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
                    .withDeadlineAfter(config.rpcTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .getCallerPrincipal(GetCallerPrincipalRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
                throw new DomainException(new CommonErrors(ConversationErrors.RANGE).unauthenticated());
            }
            LOG.warnf("auth-service GetCallerPrincipal failed: %s", e.getStatus());
            throw new DomainException(ConversationErrors.AUTH_UNAVAILABLE);
        }
        Set<Long> workspaces = new HashSet<>();
        Long personal = null;
        for (WorkspaceRole role : principal.getWorkspacesList()) {
            long id = Long.parseLong(role.getWorkspaceId());
            workspaces.add(id);
            if ("personal".equals(role.getWorkspaceType())) {
                personal = id;
            }
        }
        return new Memberships(Set.copyOf(workspaces), Optional.ofNullable(personal));
    }
}
