package dev.herald.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {
    private final List<List<String>> transactions = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstTransactionMayFinish = new CountDownLatch(1);

    private void write(List<String> items) {
        if (transactions.isEmpty()) {
            transactions.add(items);
            try {
                firstTransactionMayFinish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (items.contains("bad")) {
            throw new IllegalStateException("constraint violated by bad");
        }
        transactions.add(items);
    }

    @Test
    void writesWaitingTogetherShareOneTransactionAndABadOneFailsAlone() throws Exception {
        GroupCommit<String> commits = new GroupCommit<>(this::write, 100, 1);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commits.write("first"), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> !transactions.isEmpty());

        // While the first transaction is still open, three more callers arrive, one of them with a bad write.
        List<CompletableFuture<Void>> waiting = List.of("a", "bad", "b").stream()
                .map(item -> CompletableFuture.runAsync(() -> commits.write(item), callers)).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 3);
        firstTransactionMayFinish.countDown();

        first.get();
        waiting.get(0).get();
        waiting.get(2).get();
        assertThatThrownBy(() -> waiting.get(1).join()).hasRootCauseMessage("constraint violated by bad");
        assertThat(transactions.getFirst()).containsExactly("first");
        assertThat(transactions.stream().flatMap(List::stream)).containsExactlyInAnyOrder("first", "a", "b");
        callers.shutdown();
    }

    @Test
    void aWriteReturnsOnlyOnceCommittedAndRethrowsItsFailure() {
        firstTransactionMayFinish.countDown();
        GroupCommit<String> commits = new GroupCommit<>(this::write, 100, 2);

        commits.write("one");

        assertThat(transactions).containsExactly(List.of("one"));
        assertThatThrownBy(() -> commits.write("bad")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void urgentWritesGoAheadOfWaitingBulkWritesInAGroupOfTheirOwn() throws Exception {
        GroupCommit<String> commits = new GroupCommit<>(this::write, 100, 1);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commits.write("first"), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> !transactions.isEmpty());

        // While the one writer is busy, two bulk writes wait, then an urgent one arrives.
        List<CompletableFuture<Void>> bulk = List.of("a", "b").stream()
                .map(item -> CompletableFuture.runAsync(() -> commits.write(item), callers)).toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 2);
        CompletableFuture<Void> urgent = CompletableFuture.runAsync(() -> commits.write("alert", true), callers);
        await().atMost(Duration.ofSeconds(5)).until(() -> commits.waiting() == 3);
        firstTransactionMayFinish.countDown();

        CompletableFuture.allOf(first, urgent, bulk.get(0), bulk.get(1)).get();
        // "a" and "b" are written from two threads started together, so either may queue first.
        assertThat(transactions).hasSize(3);
        assertThat(transactions.subList(0, 2)).containsExactly(List.of("first"), List.of("alert"));
        assertThat(transactions.get(2)).containsExactlyInAnyOrder("a", "b");
        callers.shutdown();
    }
}
