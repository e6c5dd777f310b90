package dev.herald.server.api;

import dev.herald.core.stats.StatsRebuild;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.security.ForbiddenException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The operator's repair of the caller's tenant's delivery read model: recomputed from the delivery history. */
@RestController
class StatsRebuildController {
    private final StatsRebuild rebuild;

    StatsRebuildController(StatsRebuild rebuild) {
        this.rebuild = rebuild;
    }

    record Rebuilt(int rows) {
    }

    @RequiresScope(Scope.ADMIN)
    @PostMapping("/api/v1/admin/stats/rebuild")
    Rebuilt rebuild(Caller caller) {
        ForbiddenException.require(caller, Scope.ADMIN);
        return new Rebuilt(rebuild.rebuild(caller.tenant()));
    }
}
