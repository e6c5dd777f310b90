package dev.herald.server.api;

import dev.herald.core.dedup.DedupGuard;
import dev.herald.core.request.Violations;
import dev.herald.core.model.Channel;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What content dedup saved the tenant: duplicates suppressed per channel, and how many of them were on channels
 * that cost money per message (SMS and Kakao: credits not spent).
 */
@RestController
class StatsController {
    private final DedupGuard dedup;
    private final Clock clock;

    StatsController(DedupGuard dedup, Clock clock) {
        this.dedup = dedup;
        this.clock = clock;
    }

    record DedupStats(LocalDate since, Map<Channel, Long> suppressed, long paidMessagesSaved) {
    }

    @RequiresScope(Scope.ADMIN)
    @GetMapping("/api/v1/admin/stats/dedup")
    DedupStats dedup(Caller caller, @RequestParam(defaultValue = "30") String days) {
        ForbiddenException.require(caller, Scope.ADMIN);
        Violations v = new Violations();
        int parsed = QueryParams.number(v, "days", days, 366);
        v.throwIfAny();
        LocalDate since = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().minusDays(parsed - 1L);
        Map<Channel, Long> suppressed = dedup.suppressedSince(caller.tenant(), since);
        long paid = suppressed.entrySet().stream().filter(e -> e.getKey().traits().paid())
                .mapToLong(Map.Entry::getValue).sum();
        return new DedupStats(since, suppressed, paid);
    }
}
