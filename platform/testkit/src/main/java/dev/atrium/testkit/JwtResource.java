package dev.atrium.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Serves the JVM-wide {@link JwtKit}'s JWKS to a Quarkus test and injects the kit into fields annotated
 * {@link InjectJwtKit}, so tests mint tokens the service under test accepts.
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

    private JwtKit kit;

    @Override
    public Map<String, String> start() {
        kit = SharedServers.jwtKit();
        return Map.of(
                "atrium.jwt.jwks-url", kit.startJwksServer(),
                "atrium.jwt.issuer", JwtKit.DEFAULT_ISSUER);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(kit, new TestInjector.AnnotatedAndMatchesType(InjectJwtKit.class, JwtKit.class));
    }

    @Override
    public void stop() {
        // Shared by every test class in the JVM; SharedServers stops it at exit.
    }
}
