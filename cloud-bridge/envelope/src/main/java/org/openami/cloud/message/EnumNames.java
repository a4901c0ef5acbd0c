package org.openami.cloud.message;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * An enum's constants by name, and their names pre-encoded for the CBOR generator. Enums travel
 * as their {@link Enum#name()} so that any CBOR reader can make sense of them.
 */
final class EnumNames<E extends Enum<E>> {

    private final Map<String, E> byName = new HashMap<>();
    private final EnumMap<E, SerializableString> encoded;

    EnumNames(Class<E> type) {
        encoded = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            byName.put(e.name(), e);
            encoded.put(e, new SerializedString(e.name()));
        }
    }

    /** Constants by name, for {@link CborReader#readName}. */
    Map<String, E> byName() {
        return byName;
    }

    /** The constant's name, ready for {@code writeString}. */
    SerializableString encoded(E e) {
        return encoded.get(e);
    }
}
