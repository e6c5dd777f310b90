package dev.herald.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code herald.bench.probe=true} (the default) the bench's probe endpoint does not exist. */
class BenchProbeOffTest extends EmbeddedHeraldTest {

    @Test
    void theProbeIsNotThereByDefault() {
        assertThat(herald.post("/api/v1/bench/probe", "{\"type\":\"t\",\"email\":\"a@b.c\",\"body\":\"x\"}").status())
                .isEqualTo(404);
    }
}
