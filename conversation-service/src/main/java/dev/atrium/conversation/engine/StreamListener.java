package dev.atrium.conversation.engine;

/** What a model stream reports while it runs, on the thread that drives it. */
public interface StreamListener {

    void onText(String delta);

    void onReasoning(String delta);

    StreamListener NONE = new StreamListener() {
        @Override
        public void onText(String delta) {
        }

        @Override
        public void onReasoning(String delta) {
        }
    };
}
