package org.openami.concentrator.prepay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TariffBookTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            {"tariffs": [
              {"id": "RES-FLAT", "version": 1, "effectiveFrom": "2025-01-01T00:00+08:00", "kind": "FLAT",
               "flatPriceFenPerKwh": "56.2"},
              {"id": "RES-FLAT", "version": 2, "effectiveFrom": "2025-07-01T00:00+08:00", "kind": "FLAT",
               "flatPriceFenPerKwh": 58},
              {"id": "RES-TOU", "version": 1, "effectiveFrom": 1735660800000, "kind": "TIME_OF_USE",
               "touPriceFenPerKwh": [130.5, 98, 60.8, "31.25"]},
              {"id": "RES-TIER", "version": 1, "effectiveFrom": "2025-01-01T00:00+08:00", "kind": "TIERED",
               "tierPeriod": "MONTHLY", "tierStepsWh": [230000, 400000], "tierPricesFenPerKwh": ["48.83", "53.83", "78.83"]}
            ]}
            """;

    private static long ms(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    @Test
    void loadsExactDecimalPricesAndPicksTheVersionInEffect() throws Exception {
        Path f = dir.resolve("tariffs.json");
        Files.writeString(f, GOOD);
        TariffBook book = TariffBook.load(f);

        assertThat(book.ids()).containsExactly("RES-FLAT", "RES-TIER", "RES-TOU");
        assertThat(book.size()).isEqualTo(4);
        TariffTable v1 = book.effective("RES-FLAT", ms("2025-06-30T23:59:59.999+08:00"));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.flatPriceFenPerKwh()).isEqualTo(562);
        assertThat(v1.priceDecimals()).isEqualTo(1);
        assertThat(v1.priceE4(v1.flatPriceFenPerKwh())).isEqualTo(562_000);
        TariffTable v2 = book.effective("RES-FLAT", ms("2025-07-01T00:00+08:00"));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.flatPriceFenPerKwh()).isEqualTo(58);
        assertThat(v2.priceDecimals()).isZero();

        TariffTable tou = book.effective("RES-TOU", ms("2025-03-01T00:00Z"));
        assertThat(tou.priceDecimals()).isEqualTo(2);
        assertThat(tou.touPriceFenPerKwh()).containsExactly(13050, 9800, 6080, 3125);

        TariffTable tier = book.effective("RES-TIER", ms("2025-03-01T00:00Z"));
        assertThat(tier.tierPeriod()).isEqualTo(TariffTable.Period.MONTHLY);
        assertThat(tier.tierStepsWh()).containsExactly(230_000, 400_000);
        assertThat(tier.tierPricesFenPerKwh()).containsExactly(4883, 5383, 7883);

        assertThat(book.find("RES-FLAT", ms("2024-12-31T23:59+08:00"))).isEmpty();
        assertThatThrownBy(() -> book.effective("RES-FLAT", ms("2024-12-31T23:59+08:00")))
                .isInstanceOf(TariffException.class).hasMessageContaining("no version in effect");
        assertThatThrownBy(() -> book.effective("NOPE", 0)).isInstanceOf(TariffException.class)
                .hasMessageContaining("unknown tariff id");
    }

    @Test
    void parsedAndBuiltTablesAreEqual() {
        TariffBook book = TariffBook.parse(GOOD.getBytes(StandardCharsets.UTF_8));
        TariffTable built = TariffTable.tiered("RES-TIER", 1, ms("2025-01-01T00:00+08:00"), TariffTable.Period.MONTHLY,
                new long[] {230_000, 400_000}, new long[] {4883, 5383, 7883}, 2);
        assertThat(book.versions("RES-TIER")).containsExactly(built);
        assertThat(built.hashCode()).isEqualTo(book.versions("RES-TIER").get(0).hashCode());
        assertThat(built.toString()).contains("48.83").contains("230000Wh");
    }

    @Test
    void errorsNameTheEntryAndTheField() {
        assertError("""
                {"tariffs": [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPriceFenPerKwh": 50},
                             {"id": "B", "version": 3, "effectiveFrom": 0, "kind": "TIME_OF_USE", "touPriceFenPerKwh": [1, 2, 3]}]}
                """, "tariffs[1] (id B, version 3)", "touPriceFenPerKwh", "4 prices expected");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPrice": 50}]
                """, "tariffs[0] (id A, version 1)", "flatPrice", "unknown field");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPriceFenPerKwh": "48.83001"}]
                """, "tariffs[0]", "flatPriceFenPerKwh", "more than 4 decimals");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPriceFenPerKwh": -1}]
                """, "tariffs[0]", "flatPriceFenPerKwh", "negative");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "TIERED", "tierPeriod": "MONTHLY",
                  "tierStepsWh": [1000, 1000], "tierPricesFenPerKwh": [1, 2, 3]}]
                """, "tariffs[0]", "tierStepsWh[1]", "strictly increasing");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "TIERED", "tierPeriod": "MONTHLY",
                  "tierStepsWh": [1000], "tierPricesFenPerKwh": [1]}]
                """, "tariffs[0]", "tierPricesFenPerKwh", "2 prices expected");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "TIERED",
                  "tierStepsWh": [1000], "tierPricesFenPerKwh": [1, 2]}]
                """, "tariffs[0]", "tierPeriod", "missing");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": "yesterday", "kind": "FLAT", "flatPriceFenPerKwh": 1}]
                """, "tariffs[0]", "effectiveFrom", "ISO-8601");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "HOURLY", "flatPriceFenPerKwh": 1}]
                """, "tariffs[0]", "kind", "one of");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPriceFenPerKwh": 1,
                  "touPriceFenPerKwh": [1, 2, 3, 4]}]
                """, "tariffs[0]", "touPriceFenPerKwh", "not used by a FLAT table");
        assertError("""
                [{"version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPriceFenPerKwh": 1}]
                """, "tariffs[0] (id ?, version 1)", "id", "missing");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 1000, "kind": "FLAT", "flatPriceFenPerKwh": 1},
                 {"id": "A", "version": 2, "effectiveFrom": 1000, "kind": "FLAT", "flatPriceFenPerKwh": 2}]
                """, "tariff A version 2", "effectiveFrom", "is not after version 1");
        assertError("""
                [{"id": "A", "version": 1, "effectiveFrom": 0, "kind": "FLAT", "flatPriceFenPerKwh": 1},
                 {"id": "A", "version": 1, "effectiveFrom": 5, "kind": "FLAT", "flatPriceFenPerKwh": 2}]
                """, "tariff A version 1", "version", "given twice");
        assertError("{\"tariffs\": [}", null, null, "not valid JSON");
        assertError("{\"tariff\": []}", null, "tariff", "unknown field");
        assertError("42", null, "tariffs", "an array");
    }

    @Test
    void oversizedFilesAreRefusedBeforeReading() throws Exception {
        Path f = dir.resolve("big.json");
        byte[] big = new byte[JsonInput.MAX_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Files.write(f, big);
        assertThatThrownBy(() -> TariffBook.load(f)).isInstanceOf(TariffException.class)
                .hasMessageContaining("at most " + JsonInput.MAX_BYTES);
        assertThatThrownBy(() -> TariffBook.load(dir.resolve("missing.json"))).isInstanceOf(TariffException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void tablesValidateTheirOwnFields() {
        assertThatThrownBy(() -> TariffTable.flat(" A", 1, 0, 1, 0)).isInstanceOf(TariffException.class)
                .hasMessageContaining("field id");
        assertThatThrownBy(() -> TariffTable.flat("A", 0, 0, 1, 0)).isInstanceOf(TariffException.class)
                .hasMessageContaining("field version");
        assertThatThrownBy(() -> TariffTable.flat("A", 1, 0, 1, 5)).isInstanceOf(TariffException.class)
                .hasMessageContaining("priceDecimals");
        assertThatThrownBy(() -> TariffTable.flat("A", 1, 0, TariffTable.MAX_PRICE_FEN_PER_KWH * 10 + 1, 1))
                .isInstanceOf(TariffException.class).hasMessageContaining("above");
        long[] prices = {1, 2, 3, 4};
        TariffTable t = TariffTable.timeOfUse("A", 1, 0, prices, 0);
        prices[0] = 99;
        t.touPriceFenPerKwh()[1] = 99;
        assertThat(t.touPriceFenPerKwh()).containsExactly(1, 2, 3, 4);
        assertThat(t.charges(Fx.T1)).isTrue();
        assertThat(t.charges(Fx.TOTAL)).isFalse();
        assertThat(TariffTable.flat("A", 1, 0, 1, 0).charges(Fx.TOTAL)).isTrue();
        assertThat(TariffTable.flat("A", 1, 0, 1, 0).charges(Fx.T1)).isFalse();
    }

    @Test
    void emptyBookKnowsNothing() {
        assertThat(TariffBook.empty().find("A", 0)).isEmpty();
        assertThat(TariffBook.of(List.of()).ids()).isEmpty();
    }

    private static void assertError(String json, String entry, String field, String text) {
        assertThatThrownBy(() -> TariffBook.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(TariffException.class, e -> {
                    if (entry != null) {
                        assertThat(e.entry()).contains(entry);
                    }
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(text);
                });
    }
}
