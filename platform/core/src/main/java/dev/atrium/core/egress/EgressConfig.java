package dev.atrium.core.egress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "atrium.egress")
public interface EgressConfig {

    /** Allow outbound calls to loopback and private ranges (local development only). */
    @WithDefault("false")
    boolean allowPrivate();
}
