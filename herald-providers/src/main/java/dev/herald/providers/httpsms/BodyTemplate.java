package dev.herald.providers.httpsms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway's JSON body shape with placeholders in its string values. Filling it builds a new tree of maps, lists
 * and scalars, which is then serialised: the message text never touches JSON syntax, so quotes, backslashes and
 * any script in it stay data.
 */
final class BodyTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(to|text|from|id)}}");

    private final Map<String, Object> shape;

    BodyTemplate(Map<String, Object> shape) {
        this.shape = shape;
    }

    /** The body for one message; {@code values} maps each placeholder name (to, text, from, id) to its value. */
    Map<String, Object> fill(Map<String, String> values) {
        return fillMap(shape, values);
    }

    private Map<String, Object> fillMap(Map<?, ?> map, Map<String, String> values) {
        Map<String, Object> filled = new LinkedHashMap<>();
        map.forEach((key, value) -> filled.put(String.valueOf(key), fillValue(value, values)));
        return filled;
    }

    private Object fillValue(Object value, Map<String, String> values) {
        return switch (value) {
            case String text -> substitute(text, values);
            case Map<?, ?> map -> fillMap(map, values);
            case List<?> list -> {
                List<Object> filled = new ArrayList<>(list.size());
                list.forEach(item -> filled.add(fillValue(item, values)));
                yield filled;
            }
            case null -> null;
            default -> value; // numbers and booleans in the shape are constants
        };
    }

    /**
     * One pass over the template string, so a message text that itself contains {@code {{to}}} is sent as written
     * instead of being substituted again.
     */
    private static String substitute(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
