package dev.herald.core.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/ARCHITECTURE.md's status table says what the code allows, move for move. */
class StatusMachineDocTest {

    @Test
    void theDocumentedTableIsTheTableInTheCode() throws IOException {
        Map<DeliveryStatus, Set<DeliveryStatus>> documented = documentedTable();

        Map<DeliveryStatus, Set<DeliveryStatus>> inCode = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus from : DeliveryStatus.values()) {
            inCode.put(from, StatusTransitions.allowedFrom(from));
        }
        assertThat(documented).isEqualTo(inCode);
    }

    @Test
    void everyMoveAStoreMakesIsAllowedByTheTable() {
        for (StatusMove move : StatusMove.values()) {
            assertThat(move.from()).isNotEmpty()
                    .allSatisfy(from -> assertThat(StatusTransitions.isAllowed(from, move.to())).isTrue());
        }
        assertThat(StatusMove.CANCEL.appliesTo(DeliveryStatus.SENDING)).isFalse();
        assertThat(StatusMove.CANCEL.appliesTo(DeliveryStatus.DEAD)).isFalse();
        assertThat(StatusMove.CLAIM.from()).doesNotContainAnyElementsOf(
                Arrays.stream(DeliveryStatus.values()).filter(DeliveryStatus::isFinal).toList());
    }

    private static Map<DeliveryStatus, Set<DeliveryStatus>> documentedTable() throws IOException {
        Path doc = Path.of("..", "docs", "ARCHITECTURE.md");
        String text = Files.readString(doc);
        int section = text.indexOf("## Status machine");
        int open = text.indexOf("```\n", section) + 4;
        String block = text.substring(open, text.indexOf("```", open));
        // Remarks in parentheses explain a move; continuation lines (indented) belong to the line above.
        String joined = block.replaceAll("\\([^)]*\\)", "").replaceAll(",\\s*\\n\\s+", ", ");
        Map<DeliveryStatus, Set<DeliveryStatus>> table = new EnumMap<>(DeliveryStatus.class);
        for (String line : joined.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            if (line.endsWith(": final")) {
                for (DeliveryStatus terminal : statuses(line.substring(0, line.length() - ": final".length()))) {
                    table.put(terminal, EnumSet.noneOf(DeliveryStatus.class));
                }
            } else {
                String[] sides = line.split("→");
                table.put(DeliveryStatus.valueOf(sides[0].strip()), EnumSet.copyOf(statuses(sides[1])));
            }
        }
        return table;
    }

    private static List<DeliveryStatus> statuses(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(DeliveryStatus::valueOf).collect(Collectors.toList());
    }
}
