package org.openami.meter.update.slots;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the last lines of a child process's output in bounded memory: at most {@code maxLines}
 * lines of at most {@code maxLineChars} characters each, however much the child writes.
 * {@link #consume} runs on one reader thread; {@link #summary} may be called from another.
 */
final class OutputTail {

    private final int maxLines;
    private final int maxLineChars;
    private final Deque<String> lines = new ArrayDeque<>();

    OutputTail(int maxLines, int maxLineChars) {
        this.maxLines = maxLines;
        this.maxLineChars = maxLineChars;
    }

    /** Reads {@code in} to its end (or until it fails), keeping the tail. */
    void consume(InputStream in, Charset charset) {
        StringBuilder line = new StringBuilder();
        try (Reader r = new InputStreamReader(in, charset)) {
            char[] buf = new char[4096];
            for (int n; (n = r.read(buf)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        add(line);
                    } else if (c != '\r' && line.length() < maxLineChars) {
                        line.append(c);
                    }
                }
            }
        } catch (IOException e) {
            // the process went away; keep what we have
        }
        if (line.length() > 0) {
            add(line);
        }
    }

    /** The kept lines joined with {@code " | "}, control characters replaced. */
    synchronized String summary() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (sb.length() > 0) {
                sb.append(" | ");
            }
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                sb.append(Character.isISOControl(c) ? '?' : c);
            }
        }
        return sb.toString();
    }

    private synchronized void add(StringBuilder line) {
        lines.addLast(line.toString());
        line.setLength(0);
        while (lines.size() > maxLines) {
            lines.removeFirst();
        }
    }
}
