package dev.herald.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.herald.core.model.DeliveryStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusTransitionsTest {

    /**
     * The whole state machine, written out by hand. Any change to {@link StatusTransitions} must be mirrored
     * here on purpose, or {@link #everyMoveIsAllowedExactlyWhenTheTableSaysSo} fails.
     */
    private static final Set<String> ALLOWED_MOVES = Set.of(
            "ACCEPTED -> SCHEDULED",
            "ACCEPTED -> QUEUED",
            "ACCEPTED -> FAILED",
            "ACCEPTED -> SUPPRESSED",
            "ACCEPTED -> CANCELLED",
            "ACCEPTED -> EXPIRED",

            "SCHEDULED -> QUEUED",
            "SCHEDULED -> SENDING",
            "SCHEDULED -> SUPPRESSED",
            "SENDING -> SUPPRESSED",
            "SCHEDULED -> CANCELLED",
            "SCHEDULED -> EXPIRED",
            "SCHEDULED -> FAILED",

            "QUEUED -> SENDING",
            "QUEUED -> CANCELLED",
            "QUEUED -> EXPIRED",

            "SENDING -> SENDING",
            "SENDING -> QUEUED",
            "SENDING -> SENT",
            "SENDING -> FAILED",
            "SENDING -> DEAD",
            "SENDING -> EXPIRED",

            "SENT -> DELIVERED",
            "SENT -> READ",
            "SENT -> FAILED",

            "DELIVERED -> READ",
            "DELIVERED -> FAILED",

            "DEAD -> QUEUED",
            "DEAD -> CANCELLED");

    static Stream<Arguments> everyPairOfStatuses() {
        return Arrays.stream(DeliveryStatus.values())
                .flatMap(from -> Arrays.stream(DeliveryStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOfStatuses")
    void everyMoveIsAllowedExactlyWhenTheTableSaysSo(DeliveryStatus from, DeliveryStatus to) {
        // given
        boolean expected = ALLOWED_MOVES.contains(from + " -> " + to);

        // when
        boolean allowed = StatusTransitions.isAllowed(from, to);

        // then
        assertThat(allowed).as("%s -> %s", from, to).isEqualTo(expected);
    }

    @Test
    void theExpectedTableNamesOnlyRealStatuses() {
        // given: a typo in the table would silently read as "forbidden"
        Set<String> names = Arrays.stream(DeliveryStatus.values()).map(Enum::name).collect(Collectors.toSet());

        // when / then
        assertThat(ALLOWED_MOVES).allSatisfy(move -> assertThat(move.split(" -> "))
                .hasSize(2)
                .allSatisfy(name -> assertThat(names).contains(name)));
    }

    @ParameterizedTest
    @EnumSource(value = DeliveryStatus.class, names = {"READ", "FAILED", "SUPPRESSED", "EXPIRED", "CANCELLED"})
    void aDeliveryInAFinalStatusCannotMoveAnywhere(DeliveryStatus terminal) {
        // given / when
        Set<DeliveryStatus> next = StatusTransitions.allowedFrom(terminal);

        // then
        assertThat(next).isEmpty();
    }

    @Test
    void aForbiddenMoveFailsLoudlyNamingBothStatuses() {
        // given
        DeliveryStatus from = READ;
        DeliveryStatus to = QUEUED;

        // when / then
        assertThatThrownBy(() -> StatusTransitions.require(from, to))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("READ")
                .hasMessageContaining("QUEUED");
    }

    @Test
    void anAllowedMoveIsReturnedAsTheNewStatus() {
        // given / when
        DeliveryStatus next = StatusTransitions.require(QUEUED, SENDING);

        // then
        assertThat(next).isEqualTo(SENDING);
    }

    @Test
    void onlyABounceFailsADeliveredMessageNeverAReceipt() {
        // given: an SMS "failed" callback arriving after its "delivered" one
        // when / then
        assertThat(StatusTransitions.isReceipt(DELIVERED, FAILED)).isFalse();
        assertThat(StatusMove.BOUNCE.appliesTo(DELIVERED)).isTrue();
        assertThat(StatusMove.BOUNCE.appliesTo(SENT)).isTrue();
        assertThat(StatusMove.BOUNCE.appliesTo(READ)).isFalse();
        assertThat(StatusTransitions.isReceipt(SENT, FAILED)).isTrue();
        assertThat(StatusTransitions.isReceipt(DELIVERED, READ)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DeliveryStatus.class)
    void onlySentAndLaterOutcomesAreFinal(DeliveryStatus status) {
        // given
        Set<DeliveryStatus> finals = EnumSet.of(SENT, DELIVERED, READ, FAILED, DEAD, SUPPRESSED, EXPIRED, CANCELLED);

        // when
        boolean isFinal = status.isFinal();

        // then
        assertThat(isFinal).isEqualTo(finals.contains(status));
    }
}
