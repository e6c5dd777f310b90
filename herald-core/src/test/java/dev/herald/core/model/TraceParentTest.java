package dev.herald.core.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The W3C Trace Context rules for {@code traceparent}, version 00 and later versions. */
class TraceParentTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsVersion00IntoItsFields() {
        TraceParent trace = TraceParent.parse(VALID);

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(trace.header()).isEqualTo(VALID);
    }

    @Test
    void aLaterVersionIsReadByItsFirstFourFieldsAndKeptAsVersion00() {
        assertThat(TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-adds")
                .header()).isEqualTo(VALID);
        assertThat(TraceParent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").header())
                .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
    }

    @ParameterizedTest(name = "{0} breaks {1}")
    @CsvSource({
            "'', format",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7, format",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-, format",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra, format",
            "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x, format",
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, format",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, version",
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, version",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01, trace-id",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01, trace-id",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01, parent-id",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01, parent-id",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz, flags",
    })
    void refusesWhatTheSpecificationRefuses(String header, String rule) {
        assertThatThrownBy(() -> TraceParent.parse(header)).isInstanceOfSatisfying(TraceParent.Invalid.class,
                e -> assertThat(e.rule()).isEqualTo(rule));
    }

    @Test
    void refusesAnUnboundedValue() {
        assertThatThrownBy(() -> TraceParent.parse(VALID + "-" + "a".repeat(TraceParent.MAX_HEADER_LENGTH)))
                .isInstanceOfSatisfying(TraceParent.Invalid.class, e -> assertThat(e.rule()).isEqualTo("max-length"));
    }

    @Test
    void heraldsHopKeepsTheTraceAndFlagsWithANewParent() {
        TraceParent caller = TraceParent.parse(VALID);

        TraceParent hop = caller.nextHop();

        assertThat(hop.traceId()).isEqualTo(caller.traceId());
        assertThat(hop.flags()).isEqualTo(caller.flags());
        assertThat(hop.parentId()).isNotEqualTo(caller.parentId()).matches("[0-9a-f]{16}");
        assertThat(TraceParent.parse(hop.header())).isEqualTo(hop);
    }
}
