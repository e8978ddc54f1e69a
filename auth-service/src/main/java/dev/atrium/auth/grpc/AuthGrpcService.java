package dev.atrium.auth.grpc;

import java.util.List;

import dev.atrium.auth.AuthErrors;
import dev.atrium.auth.Credential;
import dev.atrium.auth.Membership;
import dev.atrium.auth.mapping.AuthMapper;
import dev.atrium.auth.repository.WorkspaceMemberRepository;
import dev.atrium.auth.service.AccessTokens;
import dev.atrium.auth.service.CredentialService;
import dev.atrium.core.error.DomainException;
import dev.atrium.core.id.Ids;
import dev.atrium.core.identity.Caller;
import dev.atrium.core.identity.CurrentCaller;
import dev.atrium.core.identity.TokenVerifier;
import dev.atrium.proto.auth.v1.AuthService;
import dev.atrium.proto.auth.v1.CredentialType;
import dev.atrium.proto.auth.v1.ExchangeTokenRequest;
import dev.atrium.proto.auth.v1.ExchangeTokenResponse;
import dev.atrium.proto.auth.v1.GetCallerPrincipalRequest;
import dev.atrium.proto.auth.v1.Principal;
import dev.atrium.proto.auth.v1.ResolveCredentialRequest;
import io.quarkus.grpc.GrpcService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** Credential resolution for the gateway and other services. */
@GrpcService
public class AuthGrpcService implements AuthService {

    private final CredentialService credentials;
    private final AccessTokens accessTokens;
    private final TokenVerifier verifier;
    private final WorkspaceMemberRepository members;
    private final CurrentCaller caller;

    public AuthGrpcService(CredentialService credentials, AccessTokens accessTokens, TokenVerifier verifier,
                           WorkspaceMemberRepository members, CurrentCaller caller) {
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.verifier = verifier;
        this.members = members;
        this.caller = caller;
    }

    @Override
    @Blocking
    public Uni<Principal> resolveCredential(ResolveCredentialRequest request) {
        String secret = request.getCredential().strip();
        if (secret.startsWith(CredentialService.PAT_PREFIX) || secret.startsWith(CredentialService.API_KEY_PREFIX)) {
            return Uni.createFrom().item(() -> fromCredential(credentials.resolve(secret)));
        }
        return Uni.createFrom().item(() -> fromJwt(secret));
    }

    @Override
    @Blocking
    public Uni<ExchangeTokenResponse> exchangeToken(ExchangeTokenRequest request) {
        return Uni.createFrom().item(() -> {
            String secret = request.getToken().strip();
            if (!secret.startsWith(CredentialService.PAT_PREFIX) && !secret.startsWith(CredentialService.API_KEY_PREFIX)) {
                throw new DomainException(AuthErrors.INVALID_CREDENTIAL);
            }
            Principal p = fromCredential(credentials.resolve(secret));
            return ExchangeTokenResponse.newBuilder().setAccessToken(p.getAccessToken()).setTokenType("bearer")
                    .setExpiresIn(Math.max(0, p.getAccessTokenExpiresAt() - java.time.Instant.now().getEpochSecond())).build();
        });
    }

    private Principal fromCredential(CredentialService.Resolved resolved) {
        Credential c = resolved.credential();
        boolean pat = Credential.PAT.equals(c.kind);
        AccessTokens.Issued jwt = accessTokens.forCredential(resolved.user(), c);
        Principal.Builder b = Principal.newBuilder()
                .setUserId(Long.toString(resolved.user().id))
                .setUsername(resolved.user().username)
                .setRole(resolved.user().role)
                .addAllScopes(AuthMapper.scopes(c))
                .setCredentialType(pat ? CredentialType.CREDENTIAL_TYPE_PAT : CredentialType.CREDENTIAL_TYPE_API_KEY)
                .setCredentialId(Long.toString(c.id))
                .setExpiresAt(c.expiresAt == null ? 0 : c.expiresAt.getEpochSecond())
                .setAccessToken(jwt.token())
                .setAccessTokenExpiresAt(jwt.expiresAt().getEpochSecond());
        if (c.botId != null) {
            b.setBotId(Long.toString(c.botId));
        }
        addWorkspaces(b, resolved.workspaces());
        return b.build();
    }

    @Override
    @Blocking
    public Uni<Principal> getCallerPrincipal(GetCallerPrincipalRequest request) {
        return Uni.createFrom().item(() -> principalOf(caller.require()));
    }

    private Principal fromJwt(String token) {
        return principalOf(verifier.verify(token).orElseThrow(() -> new DomainException(AuthErrors.INVALID_CREDENTIAL)));
    }

    /** An API key's token opens only the workspace the key is bound to; other tokens all of the user's. */
    private Principal principalOf(Caller caller) {
        boolean apiKey = Caller.API_KEY.equals(caller.credentialType());
        Principal.Builder b = Principal.newBuilder()
                .setUserId(Long.toString(caller.userId()))
                .setUsername(caller.username() == null ? "" : caller.username())
                .setRole(caller.role())
                .addAllScopes(caller.scopes())
                .setCredentialType(apiKey ? CredentialType.CREDENTIAL_TYPE_API_KEY
                        : "pat".equals(caller.credentialType()) ? CredentialType.CREDENTIAL_TYPE_PAT : CredentialType.CREDENTIAL_TYPE_JWT)
                .setCredentialId(caller.tokenId())
                .setExpiresAt(caller.expiresAt());
        if (caller.botId() != null) {
            b.setBotId(caller.botId());
        }
        List<Membership> memberships = QuarkusTransaction.requiringNew().call(() -> apiKey
                ? Ids.parse(caller.workspaceId()).flatMap(ws -> members.membershipOf(caller.userId(), ws)).stream().toList()
                : members.membershipsOf(caller.userId()));
        addWorkspaces(b, memberships);
        return b.build();
    }

    private static void addWorkspaces(Principal.Builder b, List<Membership> memberships) {
        memberships.forEach(m -> b.addWorkspaces(AuthMapper.workspaceRole(m)));
    }
}
