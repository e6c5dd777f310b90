package dev.herald.server.api;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditSummary;
import dev.herald.core.stats.StatsRebuild;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.audit.AuditedChange;
import dev.herald.server.audit.AuditedChange.Audited;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's repair of the caller's tenant's delivery read model: recomputed from the delivery history. */
@RestController
class StatsRebuildController {
    private final StatsRebuild rebuild;
    private final AuditedChange audited;

    StatsRebuildController(StatsRebuild rebuild, AuditedChange audited) {
        this.rebuild = rebuild;
        this.audited = audited;
    }

    record Rebuilt(int rows) {
    }

    @RequiresScope(Scope.ADMIN)
    @PostMapping("/api/v1/admin/stats/rebuild")
    Rebuilt rebuild(Caller caller) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return new Rebuilt(audited.run(caller, () -> rebuild.rebuild(caller.tenant()),
                rows -> Audited.of(AuditAction.STATS_REBUILT, "stats", AuditSummary.of("rows", rows))));
    }
}
