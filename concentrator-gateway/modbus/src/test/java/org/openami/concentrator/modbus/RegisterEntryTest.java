package org.openami.concentrator.modbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.openami.concentrator.model.Quantity;

class RegisterEntryTest {

    @Test
    void kwhFloatBecomesWhRoundedHalfUp() throws Exception {
        int bits = Float.floatToIntBits(12345.6f); // 12345.599609375 exactly
        RegisterEntry e = entry(DataType.FLOAT32, WordOrder.BIG, "1000");
        assertThat(e.convert(new int[] {bits >>> 16, bits & 0xFFFF}, 0)).isEqualTo(12_345_600L);
        int half = Float.floatToIntBits(2.5f);
        assertThat(entry(DataType.FLOAT32, WordOrder.BIG, "1").convert(new int[] {half >>> 16, half & 0xFFFF}, 0))
                .as("half up").isEqualTo(3L);
        int neg = Float.floatToIntBits(-0.75f);
        assertThat(entry(DataType.FLOAT32, WordOrder.BIG, "1").convert(new int[] {neg >>> 16, neg & 0xFFFF}, 0))
                .as("half away from zero").isEqualTo(-1L);
    }

    @Test
    void wordOrderSwapsRegistersNotBytes() throws Exception {
        int[] regs = {0x0001, 0x0002};
        assertThat(entry(DataType.UINT32, WordOrder.BIG, "1").convert(regs, 0)).isEqualTo(0x0001_0002L);
        assertThat(entry(DataType.UINT32, WordOrder.LITTLE, "1").convert(regs, 0)).isEqualTo(0x0002_0001L);
        int bits = Float.floatToIntBits(230.5f);
        assertThat(entry(DataType.FLOAT32, WordOrder.LITTLE, "1000").convert(new int[] {bits & 0xFFFF, bits >>> 16}, 0))
                .isEqualTo(230_500L);
    }

    @Test
    void integerTypesKeepTheirSign() throws Exception {
        assertThat(entry(DataType.INT16, WordOrder.BIG, "10").convert(new int[] {0xFFFE}, 0)).isEqualTo(-20L);
        assertThat(entry(DataType.UINT16, WordOrder.BIG, "10").convert(new int[] {0xFFFE}, 0)).isEqualTo(655_340L);
        assertThat(entry(DataType.INT32, WordOrder.BIG, "1").convert(new int[] {0xFFFF, 0xFFFF}, 0)).isEqualTo(-1L);
        assertThat(entry(DataType.UINT32, WordOrder.BIG, "1").convert(new int[] {0xFFFF, 0xFFFF}, 0))
                .isEqualTo(4_294_967_295L);
        assertThat(entry(DataType.UINT32, WordOrder.BIG, "0.1").convert(new int[] {0, 15}, 0))
                .as("0.01 kWh counts to Wh would be scale 10; 0.1 rounds 1.5 up").isEqualTo(2L);
    }

    @Test
    void nanAndInfinityAreFlaggedNotConverted() {
        RegisterEntry e = entry(DataType.FLOAT32, WordOrder.BIG, "1000");
        for (float f : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            int bits = Float.floatToIntBits(f);
            assertThatThrownBy(() -> e.convert(new int[] {bits >>> 16, bits & 0xFFFF}, 0))
                    .isInstanceOfSatisfying(RegisterEntry.InvalidValueException.class, x -> {
                        assertThat(x.failureCause()).isEqualTo(QuantityFailure.Cause.NOT_FINITE);
                        assertThat(x.getMessage()).contains("VOLTAGE_A").contains("0x0000");
                    });
        }
    }

    @Test
    void hugeFloatTimesScaleIsOutOfRange() {
        int bits = Float.floatToIntBits(Float.MAX_VALUE);
        assertThatThrownBy(() -> entry(DataType.FLOAT32, WordOrder.BIG, "1000").convert(
                new int[] {bits >>> 16, bits & 0xFFFF}, 0))
                .isInstanceOfSatisfying(RegisterEntry.InvalidValueException.class,
                        x -> assertThat(x.failureCause()).isEqualTo(QuantityFailure.Cause.OUT_OF_RANGE));
    }

    private static RegisterEntry entry(DataType type, WordOrder order, String scale) {
        return new RegisterEntry(Quantity.VOLTAGE_A, RegisterFunction.INPUT, 0, type, order, new BigDecimal(scale));
    }
}
