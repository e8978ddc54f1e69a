package dev.atrium.bot.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Everything bot-service can be told ({@code atrium.bot.*}). */
@ConfigMapping(prefix = "atrium.bot")
public interface BotConfig {

    PlatformProvider platformProvider();

    Activity activity();

    /** How long a caller's workspace memberships (from auth-service) are reused. */
    @WithDefault("15s")
    Duration membershipCacheTtl();

    /** Deadline of calls to auth-service. */
    @WithDefault("3s")
    Duration authTimeout();

    /** Deadline of {@code POST /providers/{id}/test}. */
    @WithDefault("20s")
    Duration providerTestTimeout();

    /**
     * The provider every workspace may use without configuring one: {@code OPENAI_API_KEY} and
     * {@code OPENAI_BASE_URL} as {@code ./atrium up} passes them. Without a key there is none.
     */
    interface PlatformProvider {
        @WithName("api-key")
        Optional<String> apiKey();

        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        @WithDefault("gpt-4o-mini")
        String defaultModel();

        @WithDefault("gpt-4o-mini,gpt-4o")
        List<String> models();
    }

    interface Activity {
        /** Conversation events that feed the run counters of {@code GET /bots/{id}/status}. */
        @WithDefault("atrium.conversation.events")
        String topic();

        @WithDefault("true")
        boolean enabled();
    }
}
