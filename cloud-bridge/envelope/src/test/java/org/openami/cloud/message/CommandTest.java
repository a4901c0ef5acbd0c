package org.openami.cloud.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {

    private static Command command(String id, long issued, long expires, int point, String meter, Map<String, String> params) {
        return new Command(id, CommandType.READ_NOW, issued, expires, point, meter, params);
    }

    @Test
    void acceptsTheDocumentedShapes() {
        assertThat(command("a", 0, 1, 0, "", Map.of()).meter()).isEmpty();
        assertThat(command("A.b_c:d-9", 5, 6, 2040, "000000000001", Map.of()).point()).isEqualTo(2040);
        assertThat(command("x".repeat(64), 5, 6, 1, "bus-1:unit.17_a", Map.of()).commandId()).hasSize(64);
        assertThat(command("x", 5, 6, 1, "m".repeat(32), Map.of()).meter()).hasSize(32);
    }

    @Test
    void paramsAreCopiedSortedAndImmutable() {
        Map<String, String> params = new HashMap<>(Map.of("zeta", "1", "alpha", "2", "m.id_x-1", ""));
        Command c = command("a", 0, 1, 0, "", params);
        params.put("late", "x");
        assertThat(c.params()).containsOnlyKeys("zeta", "alpha", "m.id_x-1");
        assertThat(List.copyOf(c.params().keySet())).containsExactly("alpha", "m.id_x-1", "zeta");
        assertThatThrownBy(() -> c.params().put("b", "c")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(c).isEqualTo(command("a", 0, 1, 0, "", Map.of("zeta", "1", "alpha", "2", "m.id_x-1", "")));
    }

    @Test
    void refusesBadCommandIds() {
        assertThatThrownBy(() -> command("", 0, 1, 0, "", Map.of())).hasMessageContaining("commandId");
        assertThatThrownBy(() -> command("x".repeat(65), 0, 1, 0, "", Map.of())).hasMessageContaining("commandId");
        assertThatThrownBy(() -> command("a b", 0, 1, 0, "", Map.of())).hasMessageContaining("commandId");
        assertThatThrownBy(() -> command("a/b", 0, 1, 0, "", Map.of())).hasMessageContaining("commandId");
        assertThatThrownBy(() -> command("é", 0, 1, 0, "", Map.of())).hasMessageContaining("commandId");
    }

    @Test
    void refusesExpiryNotAfterIssue() {
        assertThatThrownBy(() -> command("a", 5, 5, 0, "", Map.of())).hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> command("a", 5, 4, 0, "", Map.of())).hasMessageContaining("expiresAt");
    }

    @Test
    void refusesNegativePointAndBadMeters() {
        assertThatThrownBy(() -> command("a", 0, 1, -1, "", Map.of())).hasMessageContaining("point");
        assertThatThrownBy(() -> command("a", 0, 1, 1, "m".repeat(33), Map.of())).hasMessageContaining("meter");
        assertThatThrownBy(() -> command("a", 0, 1, 1, "bus 1", Map.of())).hasMessageContaining("meter");
        assertThatThrownBy(() -> command("a", 0, 1, 1, "a/b", Map.of())).hasMessageContaining("meter");
    }

    @Test
    void refusesBadParams() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", many)).hasMessageContaining("17 entries");
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", Map.of("", "v"))).hasMessageContaining("params key");
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", Map.of("Key", "v"))).hasMessageContaining("params key");
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", Map.of("k".repeat(33), "v"))).hasMessageContaining("params key");
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", Map.of("k", "v".repeat(257)))).hasMessageContaining("params[k]");
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", Map.of("k", "line\nbreak"))).hasMessageContaining("control");
        assertThatThrownBy(() -> command("a", 0, 1, 0, "", Map.of("k", "\uD800"))).hasMessageContaining("surrogate");
        // 256 code points that take 512 UTF-16 units are fine
        assertThat(command("a", 0, 1, 0, "", Map.of("k", "\uD83D\uDE00".repeat(256))).params()).hasSize(1);
    }
}
