package dev.atrium.core.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prompt variables: {@code {{name}}} placeholders, filled from a map (an unknown name becomes empty). */
public final class PromptTemplate {

    public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private PromptTemplate() {
    }

    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
