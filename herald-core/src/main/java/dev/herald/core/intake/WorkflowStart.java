package dev.herald.core.intake;

import dev.herald.core.digest.DigestRules;
import dev.herald.core.model.Channel;
import dev.herald.core.model.DeliveryStatus;
import dev.herald.core.notification.Delivery;
import dev.herald.core.workflow.StepEntry;
import dev.herald.core.workflow.StepFacts;
import dev.herald.core.workflow.StepJudge;
import dev.herald.core.workflow.StepState;
import dev.herald.core.workflow.StepVerdict;
import dev.herald.core.workflow.WorkflowRun;
import dev.herald.core.workflow.WorkflowStep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a notification's workflow at intake, on the deliveries planned for every channel its steps reach: the
 * steps before the first wait run at once (a send leaves its deliveries as planned, a skipped one suppresses them, a
 * digest makes them digest items); the first wait becomes a timer; the deliveries of every later step are held
 * (SCHEDULED with no due time, never claimed) until a worker reaches their step. Planning everything here keeps
 * recipients, preferences and templates exactly as for any notification, read once.
 */
public final class WorkflowStart {
    /** The deliveries as they are written, and the run written with them. */
    public record Started(List<Delivery> deliveries, WorkflowRun run) {
    }

    private WorkflowStart() {
    }

    public static Started begin(List<WorkflowStep> steps, List<Delivery> planned, String type, boolean critical,
                         Instant start) {
        List<Delivery> out = new ArrayList<>(planned);
        List<StepEntry> entries = new ArrayList<>();
        List<WorkflowRun.Hold> holds = new ArrayList<>();
        // Nothing can be read before anything is sent: intake judges with an unread notification.
        StepFacts facts = new StepFacts(null, critical);
        int timer = -1;
        for (int i = 0; i < steps.size(); i++) {
            WorkflowStep step = steps.get(i);
            if (timer >= 0) {
                entries.add(StepEntry.waiting(i, step));
                if (step.channel() != null) {
                    hold(out, holds, step.channel(), i);
                }
                continue;
            }
            if (step.timed()) {
                timer = i;
                entries.add(StepEntry.due(i, step, start.plus(step.duration())));
                continue;
            }
            StepVerdict verdict = StepJudge.judge(step, facts, start);
            int number = i + 1;
            switch (verdict) {
                case StepVerdict.Skip skip -> replace(out, step.channel(), d -> Delivery.planned(d.id(),
                        d.notificationId(), d.channel(), d.lane(), d.userId(), d.address())
                        .suppressed("workflow step " + number + " " + skip.outcome(), start));
                case StepVerdict.Collect collect -> replace(out, step.channel(), d -> d.userId() == null ? d
                        : Delivery.planned(d.id(), d.notificationId(), d.channel(), d.lane(), d.userId(), d.address())
                        .digestItem(d.message(), d.createdAt(), d.expiresAt(),
                                digestKey(d, type, DigestRules.windowEnd(start, collect.window())),
                                DigestRules.windowEnd(start, collect.window())));
                default -> {
                }
            }
            entries.add(StepEntry.ran(i, step, verdict instanceof StepVerdict.Skip ? StepState.SKIPPED
                    : StepState.DONE, verdict.outcome(), start));
        }
        return new Started(out, new WorkflowRun(entries, holds));
    }

    /** The digest key the planner writes (user, type, channel, address, window end), so both join one digest. */
    static String digestKey(Delivery d, String type, Instant closes) {
        return DigestRules.key(d.userId(), type, d.channel(), d.address(), closes);
    }

    /** Only what would go out now waits for its step; a delivery already failed or declined stays as it is. */
    private static void hold(List<Delivery> out, List<WorkflowRun.Hold> holds, Channel channel, int step) {
        replace(out, channel, d -> {
            // A delivery the planner deferred (quiet hours) keeps that time: its step may come sooner.
            holds.add(new WorkflowRun.Hold(d.id(), step, d.status() == DeliveryStatus.SCHEDULED ? d.dueAt() : null));
            return Delivery.planned(d.id(), d.notificationId(), d.channel(), d.lane(), d.userId(), d.address())
                    .scheduled(null, d.message(), "waiting for workflow step " + (step + 1), d.createdAt(),
                            d.expiresAt());
        });
    }

    private static void replace(List<Delivery> out, Channel channel,
                                java.util.function.UnaryOperator<Delivery> change) {
        for (int i = 0; i < out.size(); i++) {
            Delivery d = out.get(i);
            if (d.channel() == channel && d.digestKey() == null
                    && (d.status() == DeliveryStatus.QUEUED || d.status() == DeliveryStatus.SCHEDULED)) {
                out.set(i, change.apply(d));
            }
        }
    }
}
