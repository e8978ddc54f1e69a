package dev.atrium.core.error;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which range this process raises its generic errors in ({@code atrium.service.*}). */
@ConfigMapping(prefix = "atrium.service")
public interface ErrorRange {

    /** Short service name, used as event source and in logs. */
    String name();

    /** The 3-digit range of this service's codes. */
    @WithDefault("113")
    int errorRange();

    default CommonErrors common() {
        return new CommonErrors(errorRange());
    }
}
