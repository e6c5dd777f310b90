package dev.herald.server.audit;

import dev.herald.core.audit.AuditAction;
import dev.herald.core.audit.AuditEntry;
import dev.herald.core.audit.AuditTrail;
import dev.herald.core.clock.IdGenerator;
import dev.herald.core.tenancy.Caller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a change made through the API and records its audit entry in one transaction: both are committed or neither
 * is. The JDBC stores' own transactions join this one (they run on the same transaction manager), so an audit insert
 * that fails rolls the change back, and a change that fails leaves no entry. Use it in every endpoint that changes
 * something:
 * <pre>{@code
 * boolean gone = audited.run(caller, () -> types.delete(caller.tenant(), name),
 *         deleted -> deleted ? Audited.of(AuditAction.TYPE_DELETED, "type:" + name) : Audited.NOTHING);
 * }</pre>
 * Do what must follow the commit (cache invalidation, waking a lane) after {@code run} returns, not inside it: a
 * reader on another thread could otherwise load the old row back into a cache before the commit.
 */
public final class AuditedChange {
    private final TransactionTemplate tx;
    private final AuditTrail trail;
    private final IdGenerator ids;
    private final Clock clock;

    public AuditedChange(PlatformTransactionManager transactions, AuditTrail trail, IdGenerator ids, Clock clock) {
        this.tx = new TransactionTemplate(transactions);
        this.trail = trail;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * What a change did, for the audit log: never a secret, an address or content.
     *
     * @param target  what was changed, as {@code kind:name}
     * @param summary what changed, usually built with {@link dev.herald.core.audit.AuditSummary}
     */
    public record Audited(AuditAction action, String target, String summary) {
        /** A change that found nothing to change (an unknown id): nothing is recorded. */
        public static final Audited NOTHING = new Audited(null, null, null);

        public static Audited of(AuditAction action, String target, Object summary) {
            return new Audited(Objects.requireNonNull(action), Objects.requireNonNull(target),
                    summary == null ? "" : summary.toString());
        }

        public static Audited of(AuditAction action, String target) {
            return of(action, target, "");
        }
    }

    /**
     * Runs {@code change}, then records what {@code describe} says its result changed, in the same transaction.
     * An exception from either rolls both back and reaches the caller.
     */
    public <T> T run(Caller caller, Supplier<T> change, Function<? super T, Audited> describe) {
        return tx.execute(status -> {
            T result = change.get();
            Audited what = describe.apply(result);
            if (what != null && what != Audited.NOTHING) {
                record(caller, what);
            }
            return result;
        });
    }

    /** Runs a change whose description does not depend on its result. */
    public void run(Caller caller, Audited what, Runnable change) {
        run(caller, () -> {
            change.run();
            return null;
        }, ignored -> what);
    }

    /**
     * Records an entry for a change that ran in transactions of its own (a bulk replay takes one short transaction
     * per item on purpose). Use only where that is so; everything else goes through {@link #run}.
     */
    public void recordAfterwards(Caller caller, Audited what) {
        tx.executeWithoutResult(status -> record(caller, what));
    }

    private void record(Caller caller, Audited what) {
        trail.record(new AuditEntry(ids.next(), clock.instant(), caller.tenant(), caller.keyId(), what.action(),
                what.target(), what.summary()));
    }
}
