package dev.herald.server.api;

import dev.herald.core.model.TraceParent;
import dev.herald.core.request.InvalidRequestException;

/**
 * The W3C {@code traceparent} request header of the intake endpoints. An invalid value is refused with a 400 naming
 * the header and the rule, before anything is written: the specification lets a receiver ignore it and start a new
 * trace, but a caller whose tracing is broken learns it here rather than by missing traces (docs/ARCHITECTURE.md).
 */
final class TraceHeader {
    static final String NAME = "traceparent";

    private TraceHeader() {
    }

    /** The header's trace context, null when the request carried none. */
    static TraceParent read(String header) {
        if (header == null) {
            return null;
        }
        try {
            return TraceParent.parse(header);
        } catch (TraceParent.Invalid e) {
            throw InvalidRequestException.of(NAME, e.rule(), e.getMessage());
        }
    }
}
