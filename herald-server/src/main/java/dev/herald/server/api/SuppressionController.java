package dev.herald.server.api;

import dev.herald.core.request.Violations;
import dev.herald.core.suppression.SuppressedAddress;
import dev.herald.core.suppression.Suppression;
import dev.herald.core.suppression.SuppressionFilter;
import dev.herald.core.suppression.SuppressionList;
import dev.herald.core.suppression.SuppressionPage;
import dev.herald.core.suppression.SuppressionReason;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.security.ForbiddenException;
import dev.herald.server.suppression.SuppressionEdits;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The tenant's suppression list: addresses Herald does not send to (hard bounces, complaints, invalid numbers from
 * provider feedback, and entries added here). Listing reads it, adding and removing are audited with the address
 * named by a keyed hash only.
 */
@RestController
@RequestMapping("/api/v1/suppressions")
class SuppressionController {
    private static final int MAX_LIMIT = 200;

    private final SuppressionList list;
    private final SuppressionEdits edits;

    SuppressionController(SuppressionList list, SuppressionEdits edits) {
        this.list = list;
        this.edits = edits;
    }

    record SuppressionSpec(String address, String reason) {
    }

    record SuppressionJson(String address, String kind, SuppressionReason reason, String source, Instant createdAt,
                           UUID deliveryId) {
        static SuppressionJson of(Suppression s) {
            return new SuppressionJson(s.address().address(), s.address().kind().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'), s.reason(), s.source().value(), s.createdAt(), s.deliveryId());
        }
    }

    record PageJson(List<SuppressionJson> items, String nextCursor) {
        static PageJson of(SuppressionPage page) {
            return new PageJson(page.items().stream().map(SuppressionJson::of).toList(),
                    PageCursor.encode(page.nextCursor()));
        }
    }

    @RequiresScope(Scope.READ)
    @GetMapping
    PageJson list(Caller caller, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String address,
                  @RequestParam(defaultValue = "50") String limit,
                  @RequestParam(required = false) String cursor) {
        ForbiddenException.require(caller, Scope.READ);
        Violations v = new Violations();
        SuppressionReason parsedReason = reason == null ? null : SuppressionEdits.reason(v, reason);
        SuppressedAddress parsedAddress = address == null ? null : edits.address(v, address);
        int parsedLimit = QueryParams.limit(v, limit, MAX_LIMIT);
        UUID after = PageCursor.decode(v, cursor);
        v.throwIfAny();
        return PageJson.of(list.list(caller.tenant(), new SuppressionFilter(parsedReason, parsedAddress),
                parsedLimit, after));
    }

    /** Adds an address by hand: {@code 201} with the entry, or {@code 200} with the entry that was already there. */
    @RequiresScope(Scope.ADMIN)
    @SuccessStatus({HttpStatus.CREATED, HttpStatus.OK})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SuppressionJson> add(Caller caller, @RequestBody SuppressionSpec body) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        SuppressedAddress address = v.required("address", body.address()) ? edits.address(v, body.address()) : null;
        SuppressionReason reason = body.reason() == null ? SuppressionReason.MANUAL
                : SuppressionEdits.reason(v, body.reason());
        v.throwIfAny();
        SuppressionEdits.Added added = edits.add(caller, address, reason);
        // Read back: the answer shows the entry as stored (the first one, and its time as the database keeps it).
        Suppression stored = list.find(caller.tenant(), address).orElse(added.entry());
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK).body(SuppressionJson.of(stored));
    }

    @RequiresScope(Scope.ADMIN)
    @SuccessStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{address}")
    ResponseEntity<Void> remove(Caller caller, @PathVariable String address) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        SuppressedAddress parsed = edits.address(v, address);
        v.throwIfAny();
        if (!edits.remove(caller, parsed)) {
            throw new NotFoundException("that address is not on the suppression list");
        }
        return ResponseEntity.noContent().build();
    }
}
