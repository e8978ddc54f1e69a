package dev.atrium.conversation.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a chat stream the way the strictest Coze SDK parsers do (reference §3.4): every non-blank line starts
 * with {@code event:} or {@code data:}, an {@code event:} line is followed at once by its {@code data:} line,
 * and data is single-line JSON. Anything else fails the test.
 */
public final class SseFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Frame(String event, JsonNode data) {
    }

    private SseFrames() {
    }

    public static List<Frame> parse(String body) {
        List<Frame> frames = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("event:")) {
                throw new AssertionError("line " + i + " is not an event line: " + line);
            }
            if (i + 1 >= lines.length || !lines[i + 1].startsWith("data:")) {
                throw new AssertionError("event line " + i + " is not followed by its data line");
            }
            String data = lines[i + 1].substring(5).trim();
            try {
                frames.add(new Frame(line.substring(6).trim(), JSON.readTree(data)));
            } catch (Exception e) {
                throw new AssertionError("data of line " + (i + 1) + " is not JSON: " + data);
            }
            if (i + 2 < lines.length && !lines[i + 2].isEmpty()) {
                throw new AssertionError("frame at line " + i + " is not closed by a blank line");
            }
            i++;
        }
        return frames;
    }

    public static List<String> names(List<Frame> frames) {
        return frames.stream().map(Frame::event).toList();
    }

    /** The answer text the deltas of a stream add up to. */
    public static String answer(List<Frame> frames) {
        StringBuilder sb = new StringBuilder();
        frames.stream().filter(f -> f.event().equals("conversation.message.delta"))
                .forEach(f -> sb.append(f.data().path("content").asText("")));
        return sb.toString();
    }
}
