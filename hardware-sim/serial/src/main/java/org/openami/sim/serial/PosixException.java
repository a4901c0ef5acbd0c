package org.openami.sim.serial;

/**
 * A C library call on a pseudo-terminal failed. Carries the function name and the
 * {@code errno} it left, so callers can tell, say, {@code EIO} from {@code EBADF}
 * without parsing the message.
 */
public final class PosixException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int errno;

    /**
     * @param function the C function that failed, e.g. {@code "posix_openpt"}
     * @param errno    the value of {@code errno} right after the call
     * @param context  what the call was working on, e.g. a device path; may be empty
     */
    public PosixException(String function, int errno, String context) {
        super(function + (context.isEmpty() ? "" : "(" + context + ")") + " failed: errno " + errno
                + " (" + describe(errno) + ")");
        this.function = function;
        this.errno = errno;
    }

    /** Builds the exception from the calling thread's last {@code errno}. */
    static PosixException lastError(String function, String context) {
        return new PosixException(function, com.sun.jna.Native.getLastError(), context);
    }

    /** @return the C function that failed */
    public String function() {
        return function;
    }

    /** @return the {@code errno} value the call left */
    public int errno() {
        return errno;
    }

    private static String describe(int errno) {
        try {
            String text = LibC.INSTANCE.strerror(errno);
            return text == null ? "unknown" : text;
        } catch (LinkageError e) {
            return "unknown";
        }
    }
}
