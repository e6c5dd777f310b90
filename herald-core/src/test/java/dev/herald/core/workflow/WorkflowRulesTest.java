package dev.herald.core.workflow;

import dev.herald.core.model.Channel;
import dev.herald.core.recipients.AddressRules;
import dev.herald.core.request.InvalidRequestException;
import dev.herald.core.request.Violation;
import dev.herald.core.types.NotificationType;
import dev.herald.core.types.TypeRules;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A type's steps are checked when the type is written, every broken step named by its place and rule. */
class WorkflowRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");
    private final TypeRules rules = new TypeRules(new AddressRules());

    private NotificationType write(List<Object> steps, Boolean critical, List<String> channels) {
        return rules.validate("order.late", new TypeRules.TypeSpec(channels, null, null, critical,
                List.of("userId"), null, null, null, steps), NOW);
    }

    private List<Violation> refused(List<Object> steps) {
        return refused(steps, false, null);
    }

    private List<Violation> refused(List<Object> steps, Boolean critical, List<String> channels) {
        return catchThrowableOfType(InvalidRequestException.class, () -> write(steps, critical, channels))
                .violations();
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.rule()).toList();
    }

    @Test
    void theIssuesEscalationIsAcceptedAndReadsBackAsWritten() {
        List<Object> written = List.of(Map.of("send", "IN_APP"), Map.of("wait", "PT15M", "until", "READ"),
                Map.of("send", "EMAIL", "unless", "READ"), Map.of("send", "SMS", "if", Map.of("critical", true)));

        NotificationType type = write(written, null, null);

        assertThat(type.steps()).containsExactly(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.wait(Duration.ofMinutes(15), true), WorkflowStep.send(Channel.EMAIL).skippedIfRead(),
                WorkflowStep.send(Channel.SMS).onlyIfCritical(true));
        assertThat(type.steps().stream().map(WorkflowStep::written).toList()).isEqualTo(written);
        assertThat(type.stepChannels()).containsExactly(Channel.IN_APP, Channel.EMAIL, Channel.SMS);
    }

    @Test
    void delayAndDigestStepsAreAccepted() {
        NotificationType type = write(List.of(Map.of("send", "in-app"), Map.of("delay", "PT1H"),
                Map.of("digest", "email", "window", "PT1H")), null, null);

        assertThat(type.steps()).containsExactly(WorkflowStep.send(Channel.IN_APP),
                WorkflowStep.delay(Duration.ofHours(1)), WorkflowStep.digest(Channel.EMAIL, Duration.ofHours(1)));
    }

    @Test
    void stepsAndChannelsTogetherAreAConflict() {
        assertThat(fields(refused(List.of(Map.of("send", "EMAIL")), false, List.of("EMAIL"))))
                .containsExactly("steps conflict");
    }

    @Test
    void unknownKindsChannelsAndFieldsAreNamedByPlace() {
        assertThat(fields(refused(List.of(Map.of("send", "FAX"), Map.of("jump", "PT1M"), "send",
                Map.of("send", "EMAIL", "colour", "red")))))
                .containsExactly("steps[0].send unknown-value", "steps[1] unknown-kind", "steps[2] type",
                        "steps[3].colour unknown-field");
    }

    @Test
    void aWaitNeedsADurationInBoundsAndOnlyUntilRead() {
        assertThat(fields(refused(List.of(Map.of("send", "IN_APP"), Map.of("wait", "soon"),
                Map.of("wait", "PT0S"), Map.of("wait", "P31D"), Map.of("wait", "PT1M", "until", "CLICKED"),
                Map.of("send", "EMAIL")))))
                .containsExactly("steps[1].wait format", "steps[2].wait range", "steps[3].wait range",
                        "steps[4].until unsupported");
    }

    @Test
    void readCannotBeAwaitedWithoutAnEarlierSendThatReportsReads() {
        // EMAIL reports no reads, so neither "until READ" nor "unless READ" could ever be true.
        List<Violation> violations = refused(List.of(Map.of("send", "EMAIL"), Map.of("wait", "PT15M", "until", "READ"),
                Map.of("send", "PUSH", "unless", "READ")));

        assertThat(fields(violations)).containsExactly("steps[1].until cannot-happen", "steps[2].unless cannot-happen");
        assertThat(violations.getFirst().message()).contains("IN_APP");
    }

    @Test
    void stepsThatCanNeverMatterAreRefused() {
        assertThat(fields(refused(List.of(Map.of("send", "IN_APP"), Map.of("wait", "PT15M", "until", "READ")))))
                .containsExactly("steps[1] unreachable");
        assertThat(fields(refused(List.of(Map.of("send", "EMAIL"), Map.of("send", "SMS", "if", Map.of("critical", false))),
                true, null))).containsExactly("steps[1].if unreachable");
        assertThat(fields(refused(List.of(Map.of("send", "EMAIL"), Map.of("delay", "PT1M"), Map.of("send", "email")))))
                .containsExactly("steps[2].send duplicate");
        assertThat(fields(refused(List.of(Map.of("delay", "PT1M"), Map.of("wait", "PT1M")))))
                .contains("steps[1] unreachable", "steps no-channel");
    }

    @Test
    void aDigestNeedsAWindowInBounds() {
        assertThat(fields(refused(List.of(Map.of("digest", "EMAIL")))))
                .containsExactly("steps[0].window required");
        assertThat(fields(refused(List.of(Map.of("digest", "EMAIL", "window", "PT10S")))))
                .containsExactly("steps[0].window range");
    }

    @Test
    void tooManyOrNoStepsAreRefused() {
        List<Object> many = new ArrayList<>(Collections.nCopies(WorkflowRules.MAX_STEPS, Map.of("delay", "PT1M")));
        many.add(Map.of("send", "EMAIL"));

        assertThat(fields(refused(many))).containsExactly("steps max-items");
        assertThat(fields(refused(List.of()))).containsExactly("steps min-items");
    }
}
