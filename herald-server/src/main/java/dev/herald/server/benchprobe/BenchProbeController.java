package dev.herald.server.benchprobe;

import dev.herald.core.request.Violations;
import dev.herald.core.tenancy.Caller;
import dev.herald.core.tenancy.Scope;
import dev.herald.server.api.RequiresScope;
import dev.herald.server.security.ForbiddenException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The trivial durable endpoint the bench measures single POSTs against ({@code herald.bench.probe=true}, off by
 * default, so it does not exist in a normal installation): the same filters (API key, limits), the same JSON
 * reading and the same connection pool as {@code POST /api/v1/notifications}, but only a small body checked and
 * one row inserted and committed. What Herald adds per notification is the difference between the two.
 */
@RestController
@RequestMapping("/api/v1/bench/probe")
@ConditionalOnProperty(name = "herald.bench.probe", havingValue = "true")
class BenchProbeController {
    private static final int MAX_TYPE = 100;
    private static final int MAX_EMAIL = 320;
    private static final int MAX_BODY = 1000;

    private final ProbeRows rows;

    BenchProbeController(ProbeRows rows) {
        this.rows = rows;
    }

    record ProbeJson(String type, String email, String body) {
    }

    record Accepted(UUID id) {
    }

    @RequiresScope(Scope.SEND)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Accepted accept(Caller caller, @RequestBody ProbeJson body) {
        ForbiddenException.require(caller, Scope.SEND);
        Violations v = new Violations();
        if (v.required("type", body.type())) {
            v.maxLength("type", body.type(), MAX_TYPE);
        }
        if (v.required("email", body.email()) && v.maxLength("email", body.email(), MAX_EMAIL)
                && body.email().indexOf('@') < 1) {
            v.add("email", "format", "must be an email address");
        }
        if (v.required("body", body.body())) {
            v.maxLength("body", body.body(), MAX_BODY);
        }
        v.throwIfAny();
        return new Accepted(rows.insert(caller.tenant(), body.type(), body.email(), body.body()));
    }
}
