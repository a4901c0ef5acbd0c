package org.openami.cloud.pki.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openami.cloud.pki.PkiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Common part of the subcommands: one-line errors and exit codes 0, 1 and 2. */
abstract class PkiSubcommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @ParentCommand
    PkiCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        String prefix = "pki " + spec.name() + ": ";
        try {
            int exit = run();
            out().flush();
            return exit;
        } catch (PkiException e) {
            out().flush();
            err().println(prefix + e.getMessage());
            err().flush();
            return isEnvironmentFailure(e) ? FAILED : BAD_INPUT;
        } catch (IOException e) {
            out().flush();
            err().println(prefix + e);
        } catch (RuntimeException e) {
            out().flush();
            err().println(prefix + "internal error: " + e);
        }
        err().flush();
        return FAILED;
    }

    /** A disk or permission failure rather than something wrong with what the user gave. */
    private static boolean isEnvironmentFailure(PkiException e) {
        Throwable cause = e.getCause();
        return cause instanceof IOException && !(cause instanceof NoSuchFileException)
                && !(cause instanceof FileAlreadyExistsException);
    }

    abstract int run() throws PkiException, IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Refuses to overwrite {@code file}. */
    static void mustNotExist(Path file, String advice) throws PkiException {
        if (Files.exists(file)) {
            throw new PkiException(file + ": already exists, not overwritten" + (advice.isEmpty() ? "" : "; " + advice));
        }
    }
}
