package org.openami.sim.serial;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;

/**
 * The few C library calls a pseudo-terminal needs, bound through JNA direct interface
 * mapping. Constants are the Linux values, identical on x86_64 and aarch64 (asm-generic).
 * Every call sets {@code errno} on failure; read it with {@link Native#getLastError()} on
 * the same thread right after the call.
 *
 * <p>The structures are member types of this package-private interface: JNA reads their
 * fields by reflection, which needs public classes, yet they stay out of the exported API.
 */
interface LibC extends Library {

    LibC INSTANCE = Native.load("c", LibC.class);

    int O_RDWR = 0x2;
    int O_NOCTTY = 0x100;     // 0400
    int O_NONBLOCK = 0x800;   // 04000
    int O_CLOEXEC = 0x80000;  // 02000000

    int F_SETFD = 2;
    int F_GETFL = 3;
    int F_SETFL = 4;
    int FD_CLOEXEC = 1;

    int TCSANOW = 0;

    short POLLIN = 0x1;
    short POLLOUT = 0x4;
    short POLLERR = 0x8;
    short POLLHUP = 0x10;
    short POLLNVAL = 0x20;

    int IN_CLOSE_WRITE = 0x8;
    int IN_CLOSE_NOWRITE = 0x10;

    /** Speed code of 50 baud, the slowest standard rate: a speed no client asks for. */
    int B50 = 1;

    int EINTR = 4;
    int EAGAIN = 11;

    int posix_openpt(int flags);

    int grantpt(int fd);

    int unlockpt(int fd);

    /** Thread-safe variant of {@code ptsname}: writes the NUL-terminated slave path into buf. */
    int ptsname_r(int fd, byte[] buf, NativeLong buflen);

    int open(String path, int flags);

    int close(int fd);

    int fcntl(int fd, int cmd, int arg);

    NativeLong read(int fd, byte[] buf, NativeLong count);

    NativeLong write(int fd, byte[] buf, NativeLong count);

    int poll(PollFd fds, NativeLong nfds, int timeoutMillis);

    int tcgetattr(int fd, Termios termios);

    int tcsetattr(int fd, int optionalActions, Termios termios);

    void cfmakeraw(Termios termios);

    int cfsetispeed(Termios termios, int speed);

    int cfsetospeed(Termios termios, int speed);

    int inotify_init1(int flags);

    int inotify_add_watch(int fd, String path, int mask);

    String strerror(int errnum);

    /**
     * Linux {@code struct termios} as glibc defines it (60 bytes). The layout is the same on
     * x86_64 and aarch64: four {@code tcflag_t} (unsigned int) flag words, {@code c_line},
     * {@code c_cc[NCCS = 32]}, then the two speed words after alignment padding. Only
     * filled by {@code tcgetattr} and changed by {@code cfmakeraw}; Java never interprets it.
     */
    @Structure.FieldOrder({"c_iflag", "c_oflag", "c_cflag", "c_lflag", "c_line", "c_cc", "c_ispeed", "c_ospeed"})
    final class Termios extends Structure {
        public int c_iflag;
        public int c_oflag;
        public int c_cflag;
        public int c_lflag;
        public byte c_line;
        public byte[] c_cc = new byte[32];
        public int c_ispeed;
        public int c_ospeed;
    }

    /** {@code struct pollfd} for one descriptor: {@code int fd; short events; short revents;}. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }
}
