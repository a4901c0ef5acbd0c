package org.openami.cloud.ingest.db;

import static org.openami.cloud.ingest.db.Fixtures.curve;
import static org.openami.cloud.ingest.db.Fixtures.ref;

import java.nio.file.Path;
import java.util.List;
import org.openami.concentrator.model.Quantity;

/** Child process of {@link EmbeddedDatabaseTest}: starts a database, writes three readings, says READY and waits to be killed. */
public final class OrphanChild {

    private OrphanChild() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), 0);
        Migrations.migrate(db.dataSource());
        new IngestWriter(db.dataSource()).writeTelemetry(ref("c1", 1, "x"), List.of(
                curve(1, Quantity.FREQUENCY, 0, 50_000), curve(1, Quantity.FREQUENCY, 1, 50_010),
                curve(1, Quantity.FREQUENCY, 2, 49_990)));
        System.out.println("READY " + db.port());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
