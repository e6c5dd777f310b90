package dev.herald.core.model;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} (https://www.w3.org/TR/trace-context/), always held in the version-00 form
 * {@code 00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>} (55 characters). A caller's value of a later version
 * is read the way the specification asks (its first four fields, the rest ignored) and kept as version 00, the only
 * version Herald speaks when it passes the context on.
 */
public record TraceParent(String traceId, String parentId, String flags) {
    /** The longest header value read at all: later versions may append fields, but not without bound. */
    public static final int MAX_HEADER_LENGTH = 512;
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern PARENT_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    public TraceParent {
        if (traceId == null || !TRACE_ID.matcher(traceId).matches() || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("trace-id must be 32 lowercase hex digits, not all zero");
        }
        if (parentId == null || !PARENT_ID.matcher(parentId).matches() || parentId.equals(ZERO_PARENT)) {
            throw new IllegalArgumentException("parent-id must be 16 lowercase hex digits, not all zero");
        }
        if (flags == null || !HEX2.matcher(flags).matches()) {
            throw new IllegalArgumentException("flags must be 2 lowercase hex digits");
        }
    }

    /** Why a header value is not a {@code traceparent}: the rule it broke and a sentence for the caller. */
    public static final class Invalid extends IllegalArgumentException {
        private final String rule;

        Invalid(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }

    /**
     * Reads a header value. Version 00 must be exactly 55 characters; a later version (not {@code ff}) at least 55,
     * with a {@code -} after the flags when longer.
     *
     * @throws Invalid naming the rule the value breaks
     */
    public static TraceParent parse(String header) {
        if (header == null || header.isEmpty()) {
            throw new Invalid("format", "must not be empty");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new Invalid("max-length", "must be at most " + MAX_HEADER_LENGTH + " characters");
        }
        if (header.length() < 55 || header.charAt(2) != '-') {
            throw new Invalid("format", "must be version-traceid-parentid-flags, e.g. "
                    + "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
        String version = header.substring(0, 2);
        if (!HEX2.matcher(version).matches()) {
            throw new Invalid("version", "version must be 2 lowercase hex digits");
        }
        if (version.equals("ff")) {
            throw new Invalid("version", "version ff is invalid");
        }
        if (version.equals("00") ? header.length() != 55 : header.length() > 55 && header.charAt(55) != '-') {
            throw new Invalid("format", version.equals("00") ? "version 00 must be exactly 55 characters"
                    : "fields after the flags must follow a '-'");
        }
        if (header.charAt(35) != '-' || header.charAt(52) != '-') {
            throw new Invalid("format", "must be version-traceid-parentid-flags, e.g. "
                    + "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
        String traceId = header.substring(3, 35);
        String parentId = header.substring(36, 52);
        String flags = header.substring(53, 55);
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw new Invalid("trace-id", "trace-id must be 32 lowercase hex digits");
        }
        if (traceId.equals(ZERO_TRACE)) {
            throw new Invalid("trace-id", "trace-id must not be all zeros");
        }
        if (!PARENT_ID.matcher(parentId).matches()) {
            throw new Invalid("parent-id", "parent-id must be 16 lowercase hex digits");
        }
        if (parentId.equals(ZERO_PARENT)) {
            throw new Invalid("parent-id", "parent-id must not be all zeros");
        }
        if (!HEX2.matcher(flags).matches()) {
            throw new Invalid("flags", "flags must be 2 lowercase hex digits");
        }
        return new TraceParent(traceId, parentId, flags);
    }

    /**
     * Herald's own hop: the same trace and flags with a fresh parent-id (span id), so a receiver's span is a child
     * of Herald's send rather than a sibling of it under the caller's span.
     */
    public TraceParent nextHop() {
        String span;
        do {
            span = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        } while (span.equals(ZERO_PARENT));
        return new TraceParent(traceId, span, flags);
    }

    /** The version-00 header value. */
    public String header() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }

    @Override
    public String toString() {
        return header();
    }
}
