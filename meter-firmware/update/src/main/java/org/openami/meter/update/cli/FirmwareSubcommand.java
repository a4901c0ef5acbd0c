package org.openami.meter.update.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.openami.meter.update.FirmwarePackageException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Common part of the subcommands: one-line error reporting and exit codes 0/1. */
abstract class FirmwareSubcommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;

    @ParentCommand
    FirmwareCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (FirmwarePackageException e) {
            err().println("REFUSED: " + e.getMessage());
        } catch (IOException e) {
            err().println("ERROR: " + describe(e));
        } catch (IllegalStateException | IllegalArgumentException e) {
            err().println("ERROR: " + e.getMessage());
        }
        err().flush();
        return FAILED;
    }

    /** One line for an I/O failure; the NIO exceptions only carry the path as their message. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    abstract int run() throws FirmwarePackageException, IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
