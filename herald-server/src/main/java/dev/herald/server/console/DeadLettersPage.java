package dev.herald.server.console;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.deadletter.DeadLetterFilter;
import dev.herald.core.deadletter.DeadLetterPage;
import dev.herald.core.deadletter.DeadLetters;
import dev.herald.core.dispatch.LaneSignals;
import dev.herald.core.model.Channel;
import dev.herald.core.model.Priority;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The dead-letter queue: filter by channel, type and since; retry one, retry all that match (after a page that says
 * how many), discard. Admin keys only, as in the API ({@code /api/v1/admin/dlq}); the same port, audit entries and
 * lane wake-ups as the API's controller.
 */
@Controller
class DeadLettersPage {
    private static final int PAGE = 50;
    private static final int MAX_REPLAY = 10_000;

    private final DeadLetters deadLetters;
    private final LaneSignals signals;
    private final AuditedChange audited;
    private final Clock clock;

    DeadLettersPage(DeadLetters deadLetters, LaneSignals signals, AuditedChange audited, Clock clock) {
        this.deadLetters = deadLetters;
        this.signals = signals;
        this.audited = audited;
        this.clock = clock;
    }

    @GetMapping("/console/dead-letters")
    String list(Caller caller, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String type, @RequestParam(required = false) String since,
                Model model, HttpServletResponse response) {
        model.addAttribute("channels", Channel.values());
        ConsoleFilters filters = ConsoleFilters.read(channel, type, since, null, null);
        model.addAttribute("f", filters);
        if (!caller.may(Scope.ADMIN)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            model.addAttribute("needsAdmin", true);
            return "console/dead-letters";
        }
        if (!filters.errors().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "console/dead-letters";
        }
        DeadLetterPage page = deadLetters.list(caller.tenant(), filters.deadLetterFilter(), PAGE, null);
        model.addAttribute("letters", page.items());
        model.addAttribute("more", page.nextCursor() != null);
        return "console/dead-letters";
    }

    @GetMapping("/console/dead-letters/retry-all")
    String confirmRetryAll(Caller caller, @RequestParam(required = false) String channel,
                           @RequestParam(required = false) String type, @RequestParam(required = false) String since,
                           Model model, HttpServletResponse response) {
        ConsoleFilters filters = ConsoleFilters.read(channel, type, since, null, null);
        model.addAttribute("f", filters);
        if (!caller.may(Scope.ADMIN) || !filters.errors().isEmpty()) {
            return "redirect:" + back(filters);
        }
        model.addAttribute("count", count(deadLetters, caller, filters.deadLetterFilter(), MAX_REPLAY));
        return "console/retry-all";
    }

    @PostMapping("/console/dead-letters/retry-all")
    String retryAll(Caller caller, @RequestParam(required = false) String channel,
                    @RequestParam(required = false) String type, @RequestParam(required = false) String since,
                    RedirectAttributes flash) {
        ConsoleFilters filters = ConsoleFilters.read(channel, type, since, null, null);
        if (caller.may(Scope.ADMIN) && filters.errors().isEmpty()) {
            DeadLetterFilter filter = filters.deadLetterFilter();
            DeadLetters.Replayed replayed = deadLetters.retryAll(caller.tenant(), filter, MAX_REPLAY,
                    clock.instant());
            replayed.lanes().forEach(signals::wake);
            if (replayed.count() > 0) {
                audited.recordAfterwards(caller, Audited.of(AuditAction.DLQ_RETRIED_ALL, "dlq",
                        AuditSummary.of("replayed", replayed.count()).and("channel", filter.channel())
                                .and("type", filter.type()).and("since", filter.since())));
            }
            flash.addFlashAttribute("done", "dlq.retriedAll");
            flash.addFlashAttribute("doneCount", replayed.count());
        }
        return "redirect:" + back(filters);
    }

    @PostMapping("/console/dead-letters/{id}/retry")
    String retry(Caller caller, @PathVariable String id, RedirectAttributes flash) {
        Optional<UUID> delivery = uuid(id);
        if (caller.may(Scope.ADMIN) && delivery.isPresent()) {
            Optional<Priority> lane = audited.run(caller,
                    () -> deadLetters.retry(caller.tenant(), delivery.get(), clock.instant()),
                    replayed -> replayed.map(l -> Audited.of(AuditAction.DLQ_RETRIED, "delivery:" + delivery.get(),
                            AuditSummary.of("lane", l))).orElse(Audited.NOTHING));
            lane.ifPresent(signals::wake);
            flash.addFlashAttribute("done", lane.isPresent() ? "dlq.retried" : "dlq.gone");
        }
        return "redirect:/console/dead-letters";
    }

    @PostMapping("/console/dead-letters/{id}/discard")
    String discard(Caller caller, @PathVariable String id, RedirectAttributes flash) {
        Optional<UUID> delivery = uuid(id);
        if (caller.may(Scope.ADMIN) && delivery.isPresent()) {
            boolean gone = audited.run(caller,
                    () -> deadLetters.discard(caller.tenant(), delivery.get(), clock.instant()),
                    g -> g ? Audited.of(AuditAction.DLQ_DISCARDED, "delivery:" + delivery.get()) : Audited.NOTHING);
            flash.addFlashAttribute("done", gone ? "dlq.discarded" : "dlq.gone");
        }
        return "redirect:/console/dead-letters";
    }

    /** How many dead letters match, counted page by page up to {@code max} ("max+" beyond). */
    static String count(DeadLetters deadLetters, Caller caller, DeadLetterFilter filter, int max) {
        int counted = 0;
        UUID before = null;
        do {
            DeadLetterPage page = deadLetters.list(caller.tenant(), filter, 200, before);
            counted += page.items().size();
            before = page.nextCursor();
        } while (before != null && counted < max);
        return before != null ? max + "+" : Integer.toString(counted);
    }

    private static String back(ConsoleFilters filters) {
        return UriComponentsBuilder.fromPath("/console/dead-letters")
                .queryParamIfPresent("channel", Optional.ofNullable(filters.channelText()).filter(s -> !s.isBlank()))
                .queryParamIfPresent("type", Optional.ofNullable(filters.type()).filter(s -> !s.isBlank()))
                .queryParamIfPresent("since", Optional.ofNullable(filters.sinceText()).filter(s -> !s.isBlank()))
                .encode().build().toUriString();
    }

    static Optional<UUID> uuid(String value) {
        try {
            return value == null || value.length() != 36 ? Optional.empty() : Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
