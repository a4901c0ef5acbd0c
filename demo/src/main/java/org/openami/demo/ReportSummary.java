package org.openami.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** The few lines a person reads at the end of a run: the verdict and the main counts of a {@link DemoReport}. */
final class ReportSummary {

    private ReportSummary() {
    }

    /** Prints the summary of {@code r}, written to {@code file}, to {@code out}. */
    static void print(PrintStream out, DemoReport r, Path file) {
        DemoReport.Readings x = r.readings();
        out.println();
        out.printf(Locale.ROOT, "%s  simulated %s .. %s (%d min) in %d s of real time%n", r.result(),
                r.simulated().from(), r.simulated().to(), r.simulated().minutes(), r.run().seconds());
        out.printf(Locale.ROOT, "  meters              %d (%d DL/T 645, %d Modbus); collected from %d, heard by the cloud from %d%n",
                r.meters().total(), r.meters().dlt645(), r.meters().modbus(), r.meters().collected(), r.meters().delivered());
        out.printf(Locale.ROOT, "  produced by meters  %,d readings due in the period%n", x.producedByMeters());
        out.printf(Locale.ROOT, "  collected           %,d in the concentrator's store (%,d of those due: %s)%n",
                x.collected(), x.collectedOfProduced(),
                r.collectionSuccessPercent() == null ? "nothing due" : r.collectionSuccessPercent() + " %");
        out.printf(Locale.ROOT, "  delivered           %,d in PostgreSQL (%,d of the %,d due); lost %,d; different value %,d%n",
                x.delivered(), x.deliveredOfProduced(), x.producedByMeters(), x.lost(), x.mismatched());
        out.printf(Locale.ROOT, "  prepayment          alarms %d, trips %d, reconnects %d, top-ups %d%n",
                r.prepayment().alarms(), r.prepayment().trips(), r.prepayment().reconnects(), r.prepayment().topUps());
        out.printf(Locale.ROOT, "  quarantined         %d%n", r.quarantined());
        for (String p : r.problems()) {
            out.println("  problem: " + p);
        }
        if (r.files() != null) {
            out.println("  data and logs       " + r.files().dataDir());
        }
        out.println("  report              " + file.toAbsolutePath());
        out.flush();
    }
}
