package dev.herald.server.config;

import dev.herald.core.dispatch.DeliveryLogContext;
import dev.herald.core.model.TraceParent;
import org.slf4j.MDC;

/**
 * The caller's W3C trace context as MDC fields, {@code traceId} (the field name Spring's and most log tools'
 * correlation expects) and {@code traceparent} (the whole value as received, in its version-00 form), so structured
 * logs of intake and of every send of the notification can be joined with the caller's own.
 */
public final class TraceLogFields {
    static final String TRACE_ID = "traceId";
    static final String TRACEPARENT = "traceparent";

    private TraceLogFields() {
    }

    /** Puts the trace into the MDC until the scope closes; nothing when there is none. */
    public static DeliveryLogContext.Scope enter(TraceParent trace) {
        if (trace == null) {
            return () -> { };
        }
        MDC.put(TRACE_ID, trace.traceId());
        MDC.put(TRACEPARENT, trace.header());
        return () -> {
            MDC.remove(TRACE_ID);
            MDC.remove(TRACEPARENT);
        };
    }
}
