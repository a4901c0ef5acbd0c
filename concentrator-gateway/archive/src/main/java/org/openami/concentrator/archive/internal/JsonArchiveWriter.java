package org.openami.concentrator.archive.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import org.openami.concentrator.archive.MeterArchive;
import org.openami.concentrator.archive.MeterRecord;

/**
 * Writes the JSON archive format: UTF-8, every field, one meter a line in point order (easy to
 * diff and grep). Stateless and thread-safe.
 */
public final class JsonArchiveWriter {

    private JsonArchiveWriter() {
    }

    /** Writes {@code archive} to {@code out} and flushes; does not close {@code out}. */
    public static void write(MeterArchive archive, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonArchiveReader.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new OneMeterALine());
            g.writeStartObject();
            g.writeArrayFieldStart("meters");
            for (MeterRecord r : archive) {
                g.writeStartObject();
                g.writeNumberField("point", r.point());
                g.writeStringField("address", r.address());
                g.writeStringField("protocol", r.protocol().label());
                g.writeStringField("channel", r.channel());
                g.writeStringField("serial", r.line().toString());
                g.writeNumberField("ct", r.ctRatio());
                g.writeNumberField("pt", r.ptRatio());
                g.writeStringField("area", r.area());
                g.writeStringField("account", r.account());
                g.writeStringField("tariff", r.tariff());
                g.writeBooleanField("keepPower", r.keepPower());
                g.writeStringField("registerMap", r.registerMap());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
    }

    /** {@code {"meters": [} on the first line, then each meter on a line of its own. */
    private static final class OneMeterALine implements PrettyPrinter {
        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            // {"point" : no space after the brace
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(", ");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw("\n  ");
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n  ");
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(values == 0 ? "]" : "\n]");
        }
    }
}
