package org.openami.cloud.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.CBORReadContext;
import java.io.IOException;
import java.util.Map;

/**
 * A strict pull reader over one CBOR body, on top of Jackson's {@link CBORParser}. Jackson
 * accepts some things this format does not, and converts them silently: tagged values (reported
 * only through {@link CBORParser#getCurrentTag()}), simple values 0..255 (read as integers) and
 * integer map keys (read as text). So every value is checked for a tag, every integer in 0..255
 * and every map key against the CBOR major type of its first byte in the body. Errors name the
 * current position: the list, the item index and the field set with {@link #at}.
 */
final class CborReader implements AutoCloseable {

    private static final int MAJOR_UINT = 0;
    private static final int MAJOR_NINT = 1;
    private static final int MAJOR_TEXT = 3;

    private final CBORParser parser;
    private final byte[] data;
    private String list;
    private int item = -1;
    private String field;

    CborReader(CBORFactory factory, byte[] data) throws MessageFormatException {
        this.data = data;
        try {
            this.parser = factory.createParser(data);
        } catch (IOException e) {
            throw new MessageFormatException("body: " + firstLine(e), e);
        }
    }

    /** Sets the position reported in errors: {@code list[item].field}; item -1 = no item, field null = none. */
    void at(String list, int item, String field) {
        this.list = list;
        this.item = item;
        this.field = field;
    }

    /** Sets the field of the current position. */
    void field(String field) {
        this.field = field;
    }

    /** Sets the item index of the current position (and clears the field). */
    void item(int item) {
        this.item = item;
        this.field = null;
    }

    /**
     * Reads the start of an array and returns its declared length, or -1 for an
     * indefinite-length array.
     */
    int startArray() throws MessageFormatException {
        JsonToken t = take();
        if (t != JsonToken.START_ARRAY) {
            throw wrongType(t, "an array");
        }
        checkUntagged();
        CBORReadContext ctx = parser.getParsingContext();
        return ctx.hasExpectedLength() ? ctx.getExpectedLength() : -1;
    }

    /**
     * Reads the start of a map and returns its declared number of entries, or -1 for an
     * indefinite-length map.
     */
    int startMap() throws MessageFormatException {
        JsonToken t = take();
        if (t != JsonToken.START_OBJECT) {
            throw wrongType(t, "a map");
        }
        checkUntagged();
        CBORReadContext ctx = parser.getParsingContext();
        return ctx.hasExpectedLength() ? ctx.getExpectedLength() : -1;
    }

    /**
     * Advances to the next element of the current array: true if there is one (the reader is
     * positioned on it, see {@link #readInt} etc.), false at the end of the array.
     */
    boolean hasNextElement() throws MessageFormatException {
        JsonToken t = take();
        if (t == JsonToken.END_ARRAY) {
            return false;
        }
        pending = t;
        return true;
    }

    /**
     * Advances to the next key of the current map: the key, or null at the end of the map.
     * Keys must be text strings.
     */
    String nextKey() throws MessageFormatException {
        JsonToken t = take();
        if (t == JsonToken.END_OBJECT) {
            return null;
        }
        if (t != JsonToken.FIELD_NAME) {
            throw wrongType(t, "a text key");
        }
        checkMajor(MAJOR_TEXT, "a text key");
        try {
            return parser.currentName();
        } catch (IOException e) {
            throw error(firstLine(e), e);
        }
    }

    /** Expects the end of the current fixed-length array: anything else is an extra field. */
    void endArray(String what) throws MessageFormatException {
        JsonToken t = take();
        if (t != JsonToken.END_ARRAY) {
            field = null;
            throw error("extra field after " + what + " (got " + describe(t) + ")", null);
        }
    }

    /** Expects the end of input: anything else is trailing bytes. */
    void end() throws MessageFormatException {
        at(null, -1, null);
        JsonToken t;
        try {
            t = parser.nextToken();
        } catch (IOException e) {
            throw new MessageFormatException("body: trailing bytes after the message", e);
        }
        if (t != null) {
            throw new MessageFormatException("body: trailing bytes after the message");
        }
    }

    /** The token {@link #hasNextElement} looked at and left for the next read, or null. */
    private JsonToken pending;

    private JsonToken take() throws MessageFormatException {
        if (pending != null) {
            JsonToken t = pending;
            pending = null;
            return t;
        }
        return next();
    }

    private JsonToken value() throws MessageFormatException {
        JsonToken t = take();
        if (t == JsonToken.END_ARRAY) {
            throw error("missing", null);
        }
        return t;
    }

    /** Reads a CBOR integer that fits a Java int. */
    int readInt() throws MessageFormatException {
        JsonToken t = value();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(t, "an integer");
        }
        checkUntagged();
        int v;
        try {
            if (parser.getNumberType() != JsonParser.NumberType.INT) {
                throw error("integer " + parser.getText() + " out of range", null);
            }
            v = parser.getIntValue();
        } catch (IOException e) {
            throw error(firstLine(e), e);
        }
        if (v >= 0 && v <= 255) {
            checkInteger();
        }
        return v;
    }

    /** Reads a CBOR integer that fits a Java long. */
    long readLong() throws MessageFormatException {
        JsonToken t = value();
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(t, "an integer");
        }
        checkUntagged();
        long v;
        try {
            JsonParser.NumberType nt = parser.getNumberType();
            if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
                throw error("integer " + parser.getText() + " out of range", null);
            }
            v = parser.getLongValue();
        } catch (IOException e) {
            throw error(firstLine(e), e);
        }
        if (v >= 0 && v <= 255) {
            checkInteger();
        }
        return v;
    }

    /** Reads a CBOR boolean (simple value true or false). */
    boolean readBoolean() throws MessageFormatException {
        JsonToken t = value();
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw wrongType(t, "a boolean");
        }
        checkUntagged();
        return t == JsonToken.VALUE_TRUE;
    }

    /** Reads a CBOR text string. Its length is bounded by the body, itself bounded. */
    String readText() throws MessageFormatException {
        JsonToken t = value();
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(t, "a text string");
        }
        checkUntagged();
        try {
            return parser.getText();
        } catch (IOException e) {
            throw error(firstLine(e), e);
        }
    }

    /** Reads a text string that must name a constant of {@code names}. */
    <E> E readName(Map<String, E> names) throws MessageFormatException {
        String s = readText();
        E e = names.get(s);
        if (e == null) {
            throw error("unknown name \"" + shorten(s) + "\"", null);
        }
        return e;
    }

    /** A rejection at the current position. */
    MessageFormatException error(String problem, Throwable cause) {
        StringBuilder b = new StringBuilder();
        if (list == null) {
            b.append("body");
        } else {
            b.append(list);
            if (item >= 0) {
                b.append('[').append(item).append(']');
            }
        }
        if (field != null) {
            b.append('.').append(field);
        }
        b.append(": ").append(problem);
        return cause == null ? new MessageFormatException(b.toString()) : new MessageFormatException(b.toString(), cause);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // reading from a byte array: nothing to release
        }
    }

    private JsonToken next() throws MessageFormatException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw error("unexpected end of body", null);
            }
            return t;
        } catch (IOException e) {
            throw error(firstLine(e), e);
        }
    }

    /** Jackson reports tags only through getCurrentTag(); this format has none. */
    private void checkUntagged() throws MessageFormatException {
        int tag = parser.getCurrentTag();
        if (tag != -1) {
            throw error("unexpected CBOR tag " + tag, null);
        }
    }

    /** Jackson reads simple values 0..255 as integers: check the major type of a small integer. */
    private void checkInteger() throws MessageFormatException {
        int major = initialByte() >>> 5;
        if (major != MAJOR_UINT && major != MAJOR_NINT) {
            throw error("expected an integer, got CBOR major type " + major, null);
        }
    }

    private void checkMajor(int expected, String what) throws MessageFormatException {
        int major = initialByte() >>> 5;
        if (major != expected) {
            throw error("expected " + what + ", got CBOR major type " + major, null);
        }
    }

    private int initialByte() throws MessageFormatException {
        long offset = parser.currentTokenLocation().getByteOffset();
        if (offset < 0 || offset >= data.length) {
            throw error("cannot locate the value in the body", null);
        }
        return data[(int) offset] & 0xff;
    }

    private MessageFormatException wrongType(JsonToken t, String expected) {
        if (t == JsonToken.END_ARRAY) {
            return error("missing", null);
        }
        return error("expected " + expected + ", got " + describe(t), null);
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case END_ARRAY -> "the end of an array";
            case START_OBJECT -> "a map";
            case END_OBJECT -> "the end of a map";
            case FIELD_NAME -> "a map key";
            case VALUE_STRING -> "a text string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a floating-point number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null or undefined";
            case VALUE_EMBEDDED_OBJECT -> "a byte string or simple value";
            default -> String.valueOf(t);
        };
    }

    private static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), 40);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.length() > n ? b.append("...").toString() : b.toString();
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
