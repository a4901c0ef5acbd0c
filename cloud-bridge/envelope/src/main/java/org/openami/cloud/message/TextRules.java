package org.openami.cloud.message;

/**
 * The syntax of identifiers and free text in message bodies. Each check returns null when the
 * value is acceptable, or a short description of the problem (no exception on the hot path).
 */
final class TextRules {

    private TextRules() {
    }

    /** A meter address: "" or 1..32 characters of [A-Za-z0-9:._-]. */
    static String meterProblem(String s) {
        if (s.length() > MessageLimits.MAX_METER_LENGTH) {
            return "longer than " + MessageLimits.MAX_METER_LENGTH + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlnum(c) || c == ':' || c == '.' || c == '_' || c == '-')) {
                return "character " + describe(c) + " at " + i + " is not one of [A-Za-z0-9:._-]";
            }
        }
        return null;
    }

    /** A command id: 1..64 characters of [A-Za-z0-9._:-]. */
    static String commandIdProblem(String s) {
        if (s.isEmpty()) {
            return "empty";
        }
        if (s.length() > MessageLimits.MAX_COMMAND_ID_LENGTH) {
            return "longer than " + MessageLimits.MAX_COMMAND_ID_LENGTH + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlnum(c) || c == '.' || c == '_' || c == ':' || c == '-')) {
                return "character " + describe(c) + " at " + i + " is not one of [A-Za-z0-9._:-]";
            }
        }
        return null;
    }

    /** A parameter key: 1..32 characters of [a-z0-9._-]. */
    static String paramKeyProblem(String s) {
        if (s.isEmpty()) {
            return "empty";
        }
        if (s.length() > MessageLimits.MAX_PARAM_KEY_LENGTH) {
            return "longer than " + MessageLimits.MAX_PARAM_KEY_LENGTH + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
                return "character " + describe(c) + " at " + i + " is not one of [a-z0-9._-]";
            }
        }
        return null;
    }

    /**
     * Free text: well-formed (no unpaired surrogate), at most {@code maxCodePoints} code points,
     * and without control characters unless {@code controlsAllowed}.
     */
    static String textProblem(String s, int maxCodePoints, boolean controlsAllowed) {
        if (s.length() > 2 * maxCodePoints) {
            return "longer than " + maxCodePoints + " characters";
        }
        int count = 0;
        for (int i = 0; i < s.length(); i++, count++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return "unpaired surrogate at " + i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "unpaired surrogate at " + i;
            } else if (!controlsAllowed && Character.isISOControl(c)) {
                return "control character " + describe(c) + " at " + i;
            }
        }
        if (count > maxCodePoints) {
            return "longer than " + maxCodePoints + " characters";
        }
        return null;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
