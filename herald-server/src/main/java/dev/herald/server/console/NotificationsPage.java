package dev.herald.server.console;

import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.ChangeSummaries;

import dev.herald.core.model.Channel;
import dev.herald.core.notification.Cancellation;
import dev.herald.core.notification.DeliveryRef;
import dev.herald.core.notification.DeliveryView;
import dev.herald.core.notification.NotificationPage;
import dev.herald.core.notification.NotificationSearch;
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
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Notifications: the tenant's notifications across every user, newest first, narrowed by user, type, status, channel
 * and accept time (the store's search, paged by cursor), or one notification by id; its timeline shows every
 * delivery with its status history, provider, attempts and errors, and the message as the sandbox captured it.
 * Cancelling stops what has not gone out.
 */
@Controller
class NotificationsPage {
    static final int PAGE = 50;
    private static final int MAX_USER_ID = 200;
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
                  @RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
        ConsoleFilters f = ConsoleFilters.read(channel, type, since, until, status);
        String user = userId == null || userId.isBlank() ? null : userId.trim();
        model.addAttribute("f", f);
        model.addAttribute("userId", user == null || user.length() <= MAX_USER_ID ? user
                : user.substring(0, MAX_USER_ID));
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
        List<String> errors = new ArrayList<>(f.errors());
        if (user != null && user.length() > MAX_USER_ID) {
            errors.add("userId");
        }
        Optional<UUID> after = ConsoleFilters.cursor(cursor, errors);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "console/notifications";
        }
        NotificationSearch search = NotificationSearch.all().user(user).type(f.type()).status(f.status())
                .channel(f.channel()).between(f.since(), f.until());
        NotificationPage page = notifications.search(caller.tenant(), search, PAGE, after.orElse(null));
        model.addAttribute("results", page.items());
        model.addAttribute("pageSize", PAGE);
        Map<UUID, String> usersOf = new LinkedHashMap<>();
        page.items().forEach(n -> usersOf.put(n.id(), String.join(", ", n.deliveries().stream()
                .map(DeliveryView::userId).filter(java.util.Objects::nonNull).distinct().toList())));
        model.addAttribute("usersOf", usersOf);
        model.addAttribute("paged", after.isPresent());
        if (page.next() != null) {
            model.addAttribute("older", UriComponentsBuilder.fromPath("/console/notifications")
                    .queryParamIfPresent("userId", Optional.ofNullable(user))
                    .queryParamIfPresent("type", Optional.ofNullable(f.type()))
                    .queryParamIfPresent("status", Optional.ofNullable(f.status()))
                    .queryParamIfPresent("channel", Optional.ofNullable(f.channel()))
                    .queryParamIfPresent("since", Optional.ofNullable(f.sinceText()).filter(t -> !t.isBlank()))
                    .queryParamIfPresent("until", Optional.ofNullable(f.untilText()).filter(t -> !t.isBlank()))
                    .queryParam("cursor", page.next()).encode().build().toUriString());
        }
        return "console/notifications";
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

    /**
     * The notification a delivery belongs to (a suppression names the delivery whose feedback caused it): only the
     * tenant's own deliveries lead anywhere, another tenant's is as unknown as a made-up id.
     */
    @GetMapping("/console/deliveries/{id}")
    String delivery(Caller caller, @PathVariable String id, Model model, HttpServletResponse response) {
        Optional<UUID> notification = DeadLettersPage.uuid(id).flatMap(notifications::findDelivery)
                .filter(d -> d.tenant().equals(caller.tenant())).map(DeliveryRef::notificationId);
        if (notification.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", true);
            return "console/notification";
        }
        return "redirect:/console/notifications/" + notification.get();
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
