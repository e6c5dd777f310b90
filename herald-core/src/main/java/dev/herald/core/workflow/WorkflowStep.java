package dev.herald.core.workflow;

import dev.herald.core.model.Channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a type's workflow, as validated: send on a channel (perhaps only unless the notification was read, or
 * only if it is critical), wait (perhaps ending early when it is read), delay, or collect into a digest.
 *
 * @param channel    the channel of a send or digest step, else null
 * @param duration   how long a wait or delay lasts, or a digest's window; null for a send
 * @param untilRead  a wait that ends as soon as the notification is read
 * @param unlessRead a send skipped when the notification was read by then
 * @param critical   a send that runs only when the notification's criticality is this; null: always
 */
public record WorkflowStep(Kind kind, Channel channel, Duration duration, boolean untilRead, boolean unlessRead,
                           Boolean critical) {

    /**
     * What a step does; a send and a digest reach a channel, a wait and a delay only pass time. UNKNOWN is a stored
     * step this version cannot read (a newer version's kind or channel, a damaged row): a read shows it as such, and
     * it is never run (the worker's read refuses the row and sets the step aside).
     */
    public enum Kind {
        SEND, WAIT, DELAY, DIGEST, UNKNOWN;

        /** The key this kind is written under in a type's {@code steps}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What an UNKNOWN step says of itself. */
    public static final String UNREADABLE = "a step this version could not read";

    /** The condition {@code until} and {@code unless} can name. */
    public static final String READ = "READ";

    public static WorkflowStep send(Channel channel) {
        return new WorkflowStep(Kind.SEND, channel, null, false, false, null);
    }

    public static WorkflowStep wait(Duration duration, boolean untilRead) {
        return new WorkflowStep(Kind.WAIT, null, duration, untilRead, false, null);
    }

    public static WorkflowStep delay(Duration duration) {
        return new WorkflowStep(Kind.DELAY, null, duration, false, false, null);
    }

    public static WorkflowStep digest(Channel channel, Duration window) {
        return new WorkflowStep(Kind.DIGEST, channel, window, false, false, null);
    }

    /** A stored step that could not be read, as a read shows it. */
    public static WorkflowStep unreadable() {
        return new WorkflowStep(Kind.UNKNOWN, null, null, false, false, null);
    }

    public WorkflowStep skippedIfRead() {
        return new WorkflowStep(kind, channel, duration, untilRead, true, critical);
    }

    public WorkflowStep onlyIfCritical(boolean wanted) {
        return new WorkflowStep(kind, channel, duration, untilRead, unlessRead, wanted);
    }

    /** Passes time rather than reaching anyone: its row is a timer with a due time. */
    public boolean timed() {
        return kind == Kind.WAIT || kind == Kind.DELAY;
    }

    /** The step as a type's {@code steps} writes it: {@code {send: EMAIL, unless: READ}}, so it reads back as written. */
    public Map<String, Object> written() {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (kind) {
            case SEND -> out.put("send", channel.name());
            case WAIT -> out.put("wait", duration.toString());
            case DELAY -> out.put("delay", duration.toString());
            case DIGEST -> {
                out.put("digest", channel.name());
                out.put("window", duration.toString());
            }
            case UNKNOWN -> out.put("unknown", UNREADABLE);
        }
        if (untilRead) {
            out.put("until", READ);
        }
        if (unlessRead) {
            out.put("unless", READ);
        }
        if (critical != null) {
            out.put("if", Map.of("critical", critical));
        }
        return out;
    }

    /** One line for a timeline: {@code send EMAIL unless READ}, {@code wait PT15M until READ}. */
    public String describe() {
        String what = switch (kind) {
            case SEND -> "send " + channel;
            case WAIT -> "wait " + duration;
            case DELAY -> "delay " + duration;
            case DIGEST -> "digest " + channel + " every " + duration;
            case UNKNOWN -> UNREADABLE;
        };
        return what + (untilRead ? " until READ" : "") + (unlessRead ? " unless READ" : "")
                + (critical != null ? " if critical is " + critical : "");
    }
}
