package org.openami.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sends this process's logging (the cloud service, HiveMQ, PostgreSQL, Flyway, the simulated
 * meters) to a file in the data folder, so the console stays the demo's own. Until
 * {@link #toFile} is called, logback's configuration in the jar drops everything below ERROR.
 */
public final class DemoLogging {

    private DemoLogging() {
    }

    /**
     * Replaces logback's configuration with one file appender on {@code file}: the project's
     * messages from INFO, everyone else's from WARN. Does nothing if logback is not the binding.
     */
    public static void toFile(Path file) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            return;
        }
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("DEMO-FILE");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        ctx.getLogger("org.openami").setLevel(Level.INFO);
        // the pty's master reports each closed line at WARN; a meter bus closing is expected at the end
        ctx.getLogger("com.pi4j").setLevel(Level.OFF);
    }

    /** Back to quiet: only errors, to standard error (after a run, so later messages do not go to a deleted file). */
    public static void quiet() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext ctx) {
            ctx.reset();
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        }
    }
}
