package dev.herald.server.console;

import dev.herald.core.broadcast.Broadcast;
import dev.herald.core.broadcast.BroadcastPage;
import dev.herald.core.broadcast.BroadcastProgress;
import dev.herald.core.broadcast.BroadcastState;
import dev.herald.core.broadcast.BroadcastStore;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.broadcasts.BroadcastCancels;
import dev.herald.server.broadcasts.BroadcastCancels.Cancelled;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Broadcasts (notifications sent to a topic): the tenant's, newest first and paged by cursor, with how far planning
 * got; one broadcast's progress, counted from its deliveries and refreshed while it moves; cancelling it. The same
 * ports, rules and audit entry as {@code /api/v1/broadcasts}. The list shows no delivery counts, as the API's does
 * not: they are counted per broadcast, from every delivery it made.
 */
@Controller
class BroadcastsPage {
    static final int PAGE = 20;

    private final BroadcastStore broadcasts;
    private final BroadcastCancels cancels;

    BroadcastsPage(BroadcastStore broadcasts, BroadcastCancels cancels) {
        this.broadcasts = broadcasts;
        this.cancels = cancels;
    }

    @GetMapping("/console/broadcasts")
    String list(Caller caller, @RequestParam(required = false) String cursor, Model model,
                HttpServletResponse response) {
        List<String> errors = new ArrayList<>();
        Optional<UUID> after = ConsoleFilters.cursor(cursor, errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", errors);
            return "console/broadcasts";
        }
        BroadcastPage page = broadcasts.list(caller.tenant(), PAGE, after.orElse(null));
        model.addAttribute("broadcasts", page.broadcasts());
        model.addAttribute("paged", after.isPresent());
        if (page.nextAfter() != null) {
            model.addAttribute("older", "/console/broadcasts?cursor=" + page.nextAfter());
        }
        return "console/broadcasts";
    }

    @GetMapping("/console/broadcasts/{id}")
    String broadcast(Caller caller, @PathVariable String id, Model model, HttpServletResponse response) {
        progress(caller, id, model, response);
        return "console/broadcast";
    }

    /** The progress card alone, which the detail page fetches again every few seconds while the numbers move. */
    @GetMapping("/console/broadcasts/{id}/progress")
    String progressCard(Caller caller, @PathVariable String id, Model model, HttpServletResponse response) {
        progress(caller, id, model, response);
        return "console/broadcast :: progress";
    }

    @PostMapping("/console/broadcasts/{id}/cancel")
    String cancel(Caller caller, @PathVariable String id, RedirectAttributes flash) {
        Optional<UUID> parsed = DeadLettersPage.uuid(id);
        if (parsed.isEmpty() || broadcasts.find(caller.tenant(), parsed.get()).isEmpty()) {
            return "redirect:/console/broadcasts";
        }
        if (caller.may(Scope.SEND)) {
            flash.addFlashAttribute("done", cancels.cancel(caller, parsed.get()).filter(Cancelled::moved).isPresent()
                    ? "broadcasts.cancelling" : "broadcasts.notCancelled");
        }
        return "redirect:/console/broadcasts/" + parsed.get();
    }

    /** Puts the broadcast's progress on the model, or answers 404 when the tenant has no such broadcast. */
    private void progress(Caller caller, String id, Model model, HttpServletResponse response) {
        Optional<Broadcast> found = DeadLettersPage.uuid(id).flatMap(uuid -> broadcasts.find(caller.tenant(), uuid));
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("missing", true);
            return;
        }
        Broadcast b = found.get();
        BroadcastProgress p = BroadcastProgress.of(b, broadcasts.deliveries(caller.tenant(), b.id()));
        model.addAttribute("b", b);
        model.addAttribute("p", p);
        // Offered only while something is left to stop: planning, or deliveries still on their way.
        model.addAttribute("cancellable", caller.may(Scope.SEND) && b.state().canMoveTo(BroadcastState.CANCELLING)
                && p.moving());
    }
}
