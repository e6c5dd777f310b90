package dev.herald.server.console;

import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.ChangeSummaries;

import dev.herald.core.model.Channel;
import dev.herald.core.notification.Cancellation;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationStore;
import dev.herald.core.notification.NotificationView;
import dev.herald.core.sandbox.CapturedMessage;
import dev.herald.core.sandbox.SandboxStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Notifications: a user's history (the store's per-user index, newest first) narrowed by type, status, channel and
 * time, or one notification by id; its timeline shows every delivery with its status history, provider, attempts and
 * errors, and the message as the sandbox captured it. Cancelling stops what has not gone out.
 */
@Controller
class NotificationsPage {
    // One page of a user's history is read and then narrowed, so a filter shows matches among the latest ones.
    private static final int SEARCHED = 100;
    private static final int CAPTURED_PER_DELIVERY = 20;

    private final NotificationStore notifications;
    private final SandboxStore sandbox;
    private final Clock clock;

    private final AuditedChange audited;

    NotificationsPage(NotificationStore notifications, SandboxStore sandbox, Clock clock, AuditedChange audited) {
        this.audited = audited;
        this.notifications = notifications;
        this.sandbox = sandbox;
        this.clock = clock;
    }

    @GetMapping("/console/notifications")
    String search(Caller caller, @RequestParam(required = false) String id,
                  @RequestParam(required = false) String userId, @RequestParam(required = false) String type,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String channel,
                  @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                  Model model, HttpServletResponse response) {
        ConsoleFilters f = ConsoleFilters.read(channel, type, since, until, status);
        model.addAttribute("f", f);
        model.addAttribute("userId", userId);
        model.addAttribute("id", id);
        model.addAttribute("channels", Channel.values());
        model.addAttribute("statuses", dev.herald.core.model.DeliveryStatus.values());
        if (id != null && !id.isBlank()) {
            Optional<UUID> parsed = DeadLettersPage.uuid(id.trim());
            if (parsed.isPresent()) {
                return "redirect:/console/notifications/" + parsed.get();
            }
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("idError", true);
            return "console/notifications";
        }
        if (!f.errors().isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "console/notifications";
        }
        if (userId != null && !userId.isBlank() && userId.length() <= 200) {
            NotificationPage page = notifications.listForUser(caller.tenant(), userId.trim(), SEARCHED, null);
            model.addAttribute("results", page.items().stream().filter(n -> matches(n, f)).toList());
        }
        return "console/notifications";
    }

    private static boolean matches(NotificationView n, ConsoleFilters f) {
        if (f.type() != null && !f.type().equals(n.type())) {
            return false;
        }
        if (f.since() != null && n.createdAt().isBefore(f.since())
                || f.until() != null && !n.createdAt().isBefore(f.until())) {
            return false;
        }
        return n.deliveries().stream().anyMatch(d -> (f.channel() == null || d.channel() == f.channel())
                && (f.status() == null || d.status() == f.status()));
    }

    @GetMapping("/console/notifications/{id}")
    String timeline(Caller caller, @PathVariable String id, Model model, HttpServletResponse response) {
        Optional<NotificationView> found = DeadLettersPage.uuid(id)
                .flatMap(uuid -> notifications.find(caller.tenant(), uuid));
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", true);
            return "console/notification";
        }
        NotificationView n = found.get();
        Map<UUID, List<CapturedMessage>> captured = new LinkedHashMap<>();
        for (DeliveryView d : n.deliveries()) {
            List<CapturedMessage> messages = d.address() == null ? List.of()
                    : sandbox.list(caller.tenant(), d.channel(), d.address(), CAPTURED_PER_DELIVERY).stream()
                    .filter(m -> d.id().equals(m.deliveryId())).toList();
            captured.put(d.id(), new ArrayList<>(messages));
        }
        model.addAttribute("n", n);
        model.addAttribute("captured", captured);
        model.addAttribute("cancellable", n.deliveries().stream().anyMatch(d -> !d.status().isFinal()));
        return "console/notification";
    }

    @PostMapping("/console/notifications/{id}/cancel")
    String cancel(Caller caller, @PathVariable String id, RedirectAttributes flash) {
        Optional<UUID> uuid = DeadLettersPage.uuid(id);
        if (uuid.isEmpty()) {
            return "redirect:/console/notifications";
        }
        if (caller.may(Scope.ADMIN)) {
            Optional<Cancellation> done = audited.run(caller,
                    () -> notifications.cancel(caller.tenant(), uuid.get(), clock.instant()),
                    cancelled -> ChangeSummaries.cancellation(uuid.get(), cancelled));
            flash.addFlashAttribute("done", "notification.cancelled");
            flash.addFlashAttribute("doneCount", done.map(c -> c.cancelled().size()).orElse(0));
        }
        return "redirect:/console/notifications/" + uuid.get();
    }
}
