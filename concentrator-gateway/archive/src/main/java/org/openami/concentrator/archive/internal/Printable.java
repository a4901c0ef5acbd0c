package org.openami.concentrator.archive.internal;

/**
 * Makes text from a file safe to print in a message or a log: control, format, separator and
 * lone surrogate characters become {@code \\uXXXX}, and long text is cut. Stateless.
 */
public final class Printable {

    private Printable() {
    }

    /**
     * Whether {@code cp} must not appear in an archive value: C0/C1 controls (tab and newline
     * too), format characters (zero-width, bidi overrides, BOM), line and paragraph separators,
     * lone surrogates.
     */
    public static boolean isUnsafe(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** The index of the first unsafe character of {@code s}, or -1. */
    public static int firstUnsafe(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isUnsafe(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** {@code U+0007}: how a message names a character. */
    public static String name(int cp) {
        return String.format("U+%04X", cp);
    }

    /**
     * {@code s} with unsafe characters escaped, cut after {@code maxCodePoints} code points
     * (then ending in {@code …}).
     */
    public static String escape(String s, int maxCodePoints) {
        StringBuilder sb = null;
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean unsafe = isUnsafe(cp);
            if (count == maxCodePoints || unsafe) {
                if (sb == null) {
                    sb = new StringBuilder(Math.min(s.length(), maxCodePoints) + 8).append(s, 0, i);
                }
                if (count == maxCodePoints) {
                    return sb.append('…').toString();
                }
            }
            if (sb != null) {
                if (unsafe) {
                    sb.append(String.format("\\u%04X", cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            }
            count++;
            i += Character.charCount(cp);
        }
        return sb == null ? s : sb.toString();
    }
}
