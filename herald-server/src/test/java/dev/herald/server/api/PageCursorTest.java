package dev.herald.server.api;

import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.core.request.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one cursor codec of every list endpoint. */
class PageCursorTest {
    private static final UUID LAST = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    private static UUID decoded(String cursor) {
        Violations v = new Violations();
        UUID id = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return id;
    }

    @Test
    void aCursorIsOpaqueAndLeadsBackToTheSameId() {
        String cursor = PageCursor.encode(LAST);

        assertThat(cursor).hasSize(22).isNotEqualTo(LAST.toString());
        assertThat(decoded(cursor)).isEqualTo(LAST);
    }

    @Test
    void aRawIdFromEarlierAnswersIsStillRead() {
        assertThat(decoded(LAST.toString())).isEqualTo(LAST);
    }

    @Test
    void noCursorMeansTheFirstPageAndNoNextPageMeansNoCursor() {
        assertThat(decoded(null)).isNull();
        assertThat(decoded(" ")).isNull();
        assertThat(PageCursor.encode(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "not-an-id", "%%", "AAAA", "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5bxx"})
    void aMalformedCursorIsRefusedOnTheCursorField(String cursor) {
        assertThatThrownBy(() -> decoded(cursor)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.violations()).extracting(Violation::field, Violation::rule)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("cursor", "format")));
    }
}
