package org.openami.concentrator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.model.Quantity;

class RegisterMapTest {

    @Test
    void bundledSdm630MapLoadsAndNeedsFourReads() {
        RegisterMap map = RegisterMap.load("sdm630");
        assertThat(map.model()).isEqualTo("Eastron SDM630");
        assertThat(map.maxRegistersPerRequest()).isEqualTo(80);
        assertThat(map.entries()).hasSize(17).allSatisfy(e -> {
            assertThat(e.function()).isEqualTo(RegisterFunction.INPUT);
            assertThat(e.type()).isEqualTo(DataType.FLOAT32);
            assertThat(e.scale()).isEqualByComparingTo("1000");
        });
        assertThat(map.plan()).extracting(ReadBlock::start, ReadBlock::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0x0000, 18),
                org.assertj.core.groups.Tuple.tuple(0x0034, 2),
                org.assertj.core.groups.Tuple.tuple(0x003C, 4),
                org.assertj.core.groups.Tuple.tuple(0x0046, 10));
        assertThat(map.entries().stream().filter(e -> e.quantity() == Quantity.ENERGY_FORWARD_ACTIVE_TOTAL))
                .singleElement().extracting(RegisterEntry::address).isEqualTo(0x0048);
    }

    @Test
    void planRespectsTheLimitPerRequestAndGapsAndFunctions() {
        List<RegisterEntry> entries = new ArrayList<>();
        Quantity[] qs = Quantity.values();
        for (int i = 0; i < 12; i++) {
            entries.add(new RegisterEntry(qs[i], RegisterFunction.INPUT, 100 + 2 * i, DataType.FLOAT32, WordOrder.BIG,
                    BigDecimal.ONE));
        }
        entries.add(new RegisterEntry(qs[12], RegisterFunction.INPUT, 200, DataType.UINT16, WordOrder.BIG, BigDecimal.ONE));
        entries.add(new RegisterEntry(qs[13], RegisterFunction.HOLDING, 124, DataType.INT32, WordOrder.BIG, BigDecimal.ONE));
        entries.add(new RegisterEntry(qs[14], RegisterFunction.HOLDING, 126, DataType.INT16, WordOrder.BIG, BigDecimal.ONE));
        RegisterMap map = new RegisterMap("test", 10, entries);

        assertThat(map.plan()).extracting(ReadBlock::toString).containsExactly(
                "holding 0x007C+3",
                "input 0x0064+10", "input 0x006E+10", "input 0x0078+4",
                "input 0x00C8+1");
        for (ReadBlock b : map.plan()) {
            assertThat(b.count()).isLessThanOrEqualTo(10);
            int sum = b.entries().stream().mapToInt(RegisterEntry::words).sum();
            assertThat(sum).as("no gaps inside %s", b).isEqualTo(b.count());
        }
        assertThat(map.plan().stream().mapToInt(b -> b.entries().size()).sum()).isEqualTo(entries.size());
    }

    @Test
    void userFileWithDefaultsAndDecimalAddresses() {
        RegisterMap map = parse("""
                {"model": "Acme 3P", "defaults": {"type": "uint32", "wordOrder": "little", "scale": 10},
                 "entries": [
                   {"quantity": "ENERGY_FORWARD_ACTIVE_TOTAL", "address": 4096},
                   {"quantity": "voltage_a", "function": "holding", "address": "0x10", "type": "uint16", "scale": 100}
                 ]}""");
        assertThat(map.maxRegistersPerRequest()).isEqualTo(125);
        RegisterEntry energy = map.entries().get(0);
        assertThat(energy.type()).isEqualTo(DataType.UINT32);
        assertThat(energy.wordOrder()).isEqualTo(WordOrder.LITTLE);
        assertThat(energy.scale()).isEqualByComparingTo("10");
        assertThat(energy.function()).isEqualTo(RegisterFunction.INPUT);
        assertThat(map.entries().get(1).quantity()).isEqualTo(Quantity.VOLTAGE_A);
        assertThat(map.entries().get(1).address()).isEqualTo(16);
    }

    @Test
    void unknownQuantityIsNamedWithItsEntry() {
        assertThatThrownBy(() -> parse("""
                {"model": "m", "entries": [
                  {"quantity": "VOLTAGE_A", "address": 0, "type": "float32"},
                  {"quantity": "VOLTAG_B", "address": 2, "type": "float32"}]}"""))
                .isInstanceOf(RegisterMapException.class)
                .hasMessageStartingWith("test.json: entry 1 (VOLTAG_B): field 'quantity': 'VOLTAG_B' is not one of")
                .hasMessageContaining("VOLTAGE_B");
    }

    @Test
    void overlappingRegistersNameBothEntries() {
        assertThatThrownBy(() -> parse("""
                {"model": "m", "entries": [
                  {"quantity": "VOLTAGE_A", "address": "0x0000", "type": "float32"},
                  {"quantity": "VOLTAGE_B", "address": "0x0001", "type": "float32"}]}"""))
                .isInstanceOf(RegisterMapException.class)
                .hasMessage("test.json: entry 1 (VOLTAGE_B): input registers 0x0001..0x0002 overlap "
                        + "entry 0 (VOLTAGE_A) at 0x0000..0x0001");
    }

    @Test
    void sameAddressInInputAndHoldingIsNoOverlap() {
        RegisterMap map = parse("""
                {"model": "m", "defaults": {"type": "int16"}, "entries": [
                  {"quantity": "VOLTAGE_A", "address": 0},
                  {"quantity": "VOLTAGE_B", "address": 0, "function": "holding"}]}""");
        assertThat(map.plan()).hasSize(2);
    }

    @Test
    void badTypeMissingFieldsAndOtherMistakesAreNamed() {
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 0, "type": "float64"}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'type': 'float64' is not one of float32, int32, uint32, int16, uint16");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 0}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'type' is missing (and not in defaults)");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "type": "int16"}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'address' is missing");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": "0xZZ", "type": "int16"}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'address': '0xZZ' is not a number (decimal or 0x hex)");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 70000, "type": "int16"}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'address': 70000 is outside 0..65535 (protocol address: register 30001 is 0)");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 65535, "type": "float32"}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'address': 0xFFFF + 2 registers runs past 0xFFFF");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 0, "type": "int16", "scale": 0}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'scale' is 0");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 0, "type": "int16", "sclae": 2}]}""",
                "test.json: entry 0 (VOLTAGE_A): unknown field 'sclae' (known: address, function, note, quantity, scale, type, wordOrder)");
        assertError("""
                {"model": "m", "entries": [{"quantity": "VOLTAGE_A", "address": 0, "type": "int16", "function": "coil"}]}""",
                "test.json: entry 0 (VOLTAGE_A): field 'function': 'coil' is not one of holding, input");
        assertError("""
                {"model": "m", "maxRegistersPerRequest": 200, "entries": [{"quantity": "VOLTAGE_A", "address": 0, "type": "int16"}]}""",
                "test.json: field 'maxRegistersPerRequest': 200 is outside 1..125");
        assertError("""
                {"model": "m", "entries": [
                  {"quantity": "VOLTAGE_A", "address": 0, "type": "int16"},
                  {"quantity": "VOLTAGE_A", "address": 9, "type": "int16"}]}""",
                "test.json: entry 1 (VOLTAGE_A): quantity VOLTAGE_A is already read by entry 0");
        assertError("""
                {"model": "m", "entries": []}""", "test.json: no entries");
        assertError("""
                {"entries": []}""", "test.json: field 'model' is missing");
    }

    @Test
    void brokenJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"model\": \"m\",\n \"entries\": [ {\"quantity\": }\n]}"))
                .isInstanceOf(RegisterMapException.class)
                .hasMessageStartingWith("test.json: not valid JSON")
                .hasMessageContaining("line 2");
    }

    @Test
    void unknownBundledMapIsAClearError() {
        assertThatThrownBy(() -> RegisterMap.load("sdm999")).isInstanceOf(RegisterMapException.class)
                .hasMessageContaining("no register map 'sdm999'");
        assertThatThrownBy(() -> RegisterMap.load("../secret")).isInstanceOf(RegisterMapException.class);
    }

    private static void assertError(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(RegisterMapException.class).hasMessage(message);
    }

    private static RegisterMap parse(String json) {
        return RegisterMap.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }
}
