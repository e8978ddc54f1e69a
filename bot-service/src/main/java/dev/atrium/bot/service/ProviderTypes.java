package dev.atrium.bot.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provider types Atrium knows. All speak the OpenAI chat-completions protocol; the type only supplies
 * a default base URL (types without one need {@code base_url}).
 */
public final class ProviderTypes {

    private static final Map<String, String> DEFAULT_URLS = new LinkedHashMap<>();

    static {
        DEFAULT_URLS.put("openai", "https://api.openai.com/v1");
        DEFAULT_URLS.put("deepseek", "https://api.deepseek.com/v1");
        DEFAULT_URLS.put("zhipu", "https://open.bigmodel.cn/api/paas/v4");
        DEFAULT_URLS.put("qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1");
        DEFAULT_URLS.put("moonshot", "https://api.moonshot.cn/v1");
        DEFAULT_URLS.put("ollama", "http://localhost:11434/v1");
        DEFAULT_URLS.put("azure_openai", null);
        DEFAULT_URLS.put("vllm", null);
        DEFAULT_URLS.put("openai_compatible", null);
    }

    private ProviderTypes() {
    }

    public static boolean known(String type) {
        return DEFAULT_URLS.containsKey(type);
    }

    public static Optional<String> defaultUrl(String type) {
        return Optional.ofNullable(DEFAULT_URLS.get(type));
    }

    public static String names() {
        return String.join(", ", DEFAULT_URLS.keySet());
    }
}
