package dev.atrium.testkit;

import dev.atrium.testkit.server.OpenAiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a Quarkus test's LLM clients at the JVM-wide {@link OpenAiStub} and injects it into fields annotated
 * {@link InjectLlmStub}. The stub is shared: call {@link OpenAiStub#reset()} in {@code @BeforeEach}.
 */
public class LlmStubResource implements QuarkusTestResourceLifecycleManager {

    private OpenAiStub stub;

    @Override
    public Map<String, String> start() {
        stub = SharedServers.llmStub();
        return Map.of(
                "atrium.llm.stub-base-url", stub.baseUrl(),
                "quarkus.langchain4j.openai.base-url", stub.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stub, new TestInjector.AnnotatedAndMatchesType(InjectLlmStub.class, OpenAiStub.class));
    }

    @Override
    public void stop() {
        // Shared by every test class in the JVM; SharedServers stops it at exit.
    }
}
