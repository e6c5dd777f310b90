package dev.herald.core.workflow;

import dev.herald.core.model.Channel;
import dev.herald.core.request.Violations;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a type's {@code steps} as an operator wrote them ({@code [{send: IN_APP}, {wait: PT15M, until: READ}, …]})
 * and names every broken one by its place ({@code steps[2].wait}): unknown kinds, channels and keys, durations out of
 * bounds, and conditions that can never hold or steps that can never matter.
 */
public final class WorkflowRules {
    /** At most this many steps: a workflow is a short escalation, not a program. */
    public static final int MAX_STEPS = 20;
    private static final Duration MIN_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofDays(30);
    private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(1);
    private static final Set<String> KINDS = Set.of("send", "wait", "delay", "digest");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "send", Set.of("send", "unless", "if"),
            "wait", Set.of("wait", "until"),
            "delay", Set.of("delay"),
            "digest", Set.of("digest", "window"));

    private WorkflowRules() {
    }

    /**
     * The steps as validated, violations added to {@code v}; {@code criticalType} is whether the type is critical
     * (a condition on criticality that can never hold is refused).
     */
    public static List<WorkflowStep> validate(List<?> written, boolean criticalType, Violations v) {
        List<WorkflowStep> steps = new ArrayList<>();
        if (written.isEmpty()) {
            v.add("steps", "min-items", "must have at least one step (or leave steps out and name channels)");
            return steps;
        }
        if (written.size() > MAX_STEPS) {
            v.add("steps", "max-items", "must have at most " + MAX_STEPS + " steps");
            return steps;
        }
        Set<Channel> reached = new HashSet<>();
        boolean readPossible = false;
        for (int i = 0; i < written.size(); i++) {
            String at = "steps[" + i + "]";
            if (!(written.get(i) instanceof Map<?, ?> map)) {
                v.add(at, "type", "must be an object like {\"send\": \"EMAIL\"}");
                continue;
            }
            List<String> kinds = map.keySet().stream().map(String::valueOf).filter(KINDS::contains).toList();
            if (kinds.size() != 1) {
                v.add(at, "unknown-kind", "must have exactly one of send, wait, delay, digest");
                continue;
            }
            String kind = kinds.getFirst();
            for (Object key : map.keySet()) {
                if (!ALLOWED.get(kind).contains(String.valueOf(key))) {
                    v.add(at + "." + key, "unknown-field", "is not a field of a " + kind + " step (allowed: "
                            + String.join(", ", ALLOWED.get(kind).stream().sorted().toList()) + ")");
                }
            }
            WorkflowStep step = switch (kind) {
                case "send" -> send(map, at, criticalType, readPossible, v);
                case "wait" -> wait(map, at, readPossible, v);
                case "delay" -> duration(map.get("delay"), at + ".delay", MIN_WAIT, MAX_WAIT, v)
                        .map(WorkflowStep::delay).orElse(null);
                default -> digest(map, at, v);
            };
            if (step == null) {
                continue;
            }
            if (step.channel() != null) {
                if (!reached.add(step.channel())) {
                    v.add(at + "." + kind, "duplicate", "channel " + step.channel()
                            + " is already reached by an earlier step; each channel at most once per workflow");
                }
                // Only a channel whose messages report back (an inbox read, a provider's read receipt) makes READ
                // possible; a digest's item is not its own message, so it never does.
                readPossible |= step.kind() == WorkflowStep.Kind.SEND && step.channel().traits().receipts();
            }
            steps.add(step);
        }
        if (!steps.isEmpty() && steps.getLast().timed() && steps.size() == written.size()) {
            v.add("steps[" + (written.size() - 1) + "]", "unreachable",
                    "a " + steps.getLast().kind().key() + " with no step after it does nothing; remove it");
        }
        if (steps.size() == written.size() && steps.stream().noneMatch(s -> s.channel() != null)) {
            v.add("steps", "no-channel", "must send on at least one channel");
        }
        return steps;
    }

    private static WorkflowStep send(Map<?, ?> map, String at, boolean criticalType, boolean readPossible,
                                     Violations v) {
        Channel channel = channel(map.get("send"), at + ".send", v);
        boolean unless = false;
        if (map.containsKey("unless")) {
            unless = read(map.get("unless"), at + ".unless", v);
            if (unless && !readPossible) {
                v.add(at + ".unless", "cannot-happen", "READ cannot happen before this step: no earlier step sends "
                        + "on a channel that reports reads (" + readChannels() + ")");
            }
        }
        Boolean critical = null;
        if (map.containsKey("if")) {
            if (map.get("if") instanceof Map<?, ?> condition && condition.size() == 1
                    && condition.get("critical") instanceof Boolean wanted) {
                critical = wanted;
                if (criticalType && !wanted) {
                    v.add(at + ".if", "unreachable", "the type is critical, so this step would never run");
                }
            } else {
                v.add(at + ".if", "unsupported", "must be {\"critical\": true} or {\"critical\": false}");
            }
        }
        if (channel == null) {
            return null;
        }
        WorkflowStep step = WorkflowStep.send(channel);
        step = unless ? step.skippedIfRead() : step;
        return critical != null ? step.onlyIfCritical(critical) : step;
    }

    private static WorkflowStep wait(Map<?, ?> map, String at, boolean readPossible, Violations v) {
        boolean until = false;
        if (map.containsKey("until")) {
            until = read(map.get("until"), at + ".until", v);
            if (until && !readPossible) {
                v.add(at + ".until", "cannot-happen", "READ cannot happen during this wait: no earlier step sends "
                        + "on a channel that reports reads (" + readChannels() + ")");
            }
        }
        boolean untilRead = until;
        return duration(map.get("wait"), at + ".wait", MIN_WAIT, MAX_WAIT, v)
                .map(d -> WorkflowStep.wait(d, untilRead)).orElse(null);
    }

    private static WorkflowStep digest(Map<?, ?> map, String at, Violations v) {
        Channel channel = channel(map.get("digest"), at + ".digest", v);
        if (!map.containsKey("window")) {
            v.add(at + ".window", "required", "a digest step needs a window, like PT1H");
            return null;
        }
        return duration(map.get("window"), at + ".window", MIN_WINDOW, MAX_WINDOW, v)
                .filter(d -> channel != null).map(d -> WorkflowStep.digest(channel, d)).orElse(null);
    }

    private static Channel channel(Object value, String field, Violations v) {
        Channel channel = value instanceof String s ? Channel.parse(s).orElse(null) : null;
        if (channel == null) {
            v.add(field, "unknown-value", "must be a channel, one of " + Channel.allNames());
        }
        return channel;
    }

    private static boolean read(Object value, String field, Violations v) {
        if (value instanceof String s && s.strip().toUpperCase(Locale.ROOT).equals(WorkflowStep.READ)) {
            return true;
        }
        v.add(field, "unsupported", "the only condition is READ");
        return false;
    }

    private static java.util.Optional<Duration> duration(Object value, String field, Duration min, Duration max,
                                                         Violations v) {
        String rule = "must be an ISO-8601 duration of whole seconds from " + min + " to " + max + ", like PT15M";
        if (!(value instanceof String s)) {
            v.add(field, value == null ? "required" : "format", rule);
            return java.util.Optional.empty();
        }
        try {
            Duration d = Duration.parse(s.strip().toUpperCase(Locale.ROOT));
            if (d.getNano() != 0 || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                v.add(field, "range", rule);
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(d);
        } catch (DateTimeParseException e) {
            v.add(field, "format", rule);
            return java.util.Optional.empty();
        }
    }

    private static String readChannels() {
        return String.join(", ", java.util.Arrays.stream(Channel.values()).filter(c -> c.traits().receipts())
                .map(Channel::name).toList());
    }
}
