package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.MetaTypeService;

/**
 * A configuration file checked against Metatype and applied through ConfigAdmin in a real
 * framework running the bundle set plus the probe bundle (a stand-in for the components
 * bundle): the configurations appear with the declared types, the probe's components go
 * active with them, re-applying changes nothing, and entries removed from the file are
 * deleted, also across a restart.
 */
class ConfigurationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String FILE = """
            {"configurations":[
              {"pid":"org.openami.test.probe","properties":{"file":"meters.csv","retries":5,"window":120000,"tags":["north","south"]}},
              {"factoryPid":"org.openami.test.probe.channel","name":"rs485-1","properties":{"port":"/dev/ttyUSB0","baud":2400}},
              {"factoryPid":"org.openami.test.probe.channel","name":"rs485-2","properties":{"port":"/dev/ttyUSB1","baud":9600,"parity":"N"}}
            ]}""";

    private static EmbeddedFramework boot(Path data) throws Exception {
        return EmbeddedFramework.builder().dataDirectory(data.resolve("gateway")).bundles(TestBundles.withProbe(data)).start();
    }

    private static ApplyResult apply(EmbeddedFramework fw, String json) throws Exception {
        MetatypeReport report = MetatypeReport.collect(fw.bundles(), fw.service(MetaTypeService.class, WAIT));
        ConfigFile typed = report.check(ConfigFile.parse("gateway.json", json.getBytes(StandardCharsets.UTF_8)));
        return new ConfigApplier(fw.service(ConfigurationAdmin.class, WAIT)).apply(typed.entries());
    }

    private static List<ComponentStatus> awaitComponents(EmbeddedFramework fw, Predicate<List<ComponentStatus>> done)
            throws Exception {
        ServiceComponentRuntime scr = fw.service(ServiceComponentRuntime.class, WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ComponentStatus> now = ComponentStatus.read(scr);
        while (!done.test(now) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = ComponentStatus.read(scr);
        }
        return now;
    }

    private static Optional<ComponentStatus> component(List<ComponentStatus> all, String name, String pid) {
        return all.stream().filter(c -> c.name().equals(name) && pid.equals(c.pid())).findFirst();
    }

    @Test
    void applied_configurations_are_visible_typed_and_reach_the_components(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = boot(data)) {
            ApplyResult result = apply(fw, FILE);
            assertThat(result.created()).hasSize(3).contains("org.openami.test.probe");
            assertThat(result.updated()).isEmpty();
            assertThat(result.deleted()).isEmpty();

            ConfigurationAdmin admin = fw.service(ConfigurationAdmin.class, WAIT);
            Dictionary<String, Object> probe = admin.getConfiguration("org.openami.test.probe", "?").getProperties();
            assertThat(probe.get("file")).isEqualTo("meters.csv");
            assertThat(probe.get("retries")).isEqualTo(5);
            assertThat(probe.get("window")).as("Long in the Metatype").isEqualTo(120000L);
            assertThat((String[]) probe.get("tags")).containsExactly("north", "south");
            assertThat(probe.get(ConfigApplier.MANAGED_PROPERTY)).isEqualTo(true);

            Configuration bus2 = admin.getFactoryConfiguration("org.openami.test.probe.channel", "rs485-2", "?");
            assertThat(bus2.getProperties().get("port")).isEqualTo("/dev/ttyUSB1");
            assertThat(bus2.getProperties().get("parity")).as("Char in the Metatype").isEqualTo('N');
            assertThat(bus2.getFactoryPid()).isEqualTo("org.openami.test.probe.channel");

            List<ComponentStatus> components = awaitComponents(fw, all -> all.stream()
                    .filter(c -> c.name().startsWith("org.openami.test.probe") && !c.name().equals(ProbeBundle.CLOCKED))
                    .filter(c -> c.state().equals("active")).count() == 3);
            assertThat(component(components, ProbeBundle.PID, ProbeBundle.PID)).map(ComponentStatus::state).hasValue("active");
            assertThat(component(components, ProbeBundle.FACTORY_PID, ProbeBundle.FACTORY_PID + "~rs485-1"))
                    .map(ComponentStatus::state).hasValue("active");
            assertThat(component(components, ProbeBundle.FACTORY_PID, ProbeBundle.FACTORY_PID + "~rs485-2"))
                    .map(ComponentStatus::state).hasValue("active");
            assertThat(components).filteredOn(c -> c.name().equals(ProbeBundle.CLOCKED)).singleElement()
                    .satisfies(c -> {
                        assertThat(c.state()).isEqualTo("unsatisfied reference");
                        assertThat(c.unsatisfiedReferences()).containsExactly("clock");
                    });
        }
    }

    @Test
    void re_applying_the_same_file_changes_nothing(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = boot(data)) {
            apply(fw, FILE);
            ConfigurationAdmin admin = fw.service(ConfigurationAdmin.class, WAIT);
            long changeCount = admin.getConfiguration("org.openami.test.probe", "?").getChangeCount();
            long factoryChangeCount = admin.getFactoryConfiguration("org.openami.test.probe.channel", "rs485-1", "?").getChangeCount();

            ApplyResult again = apply(fw, FILE);

            assertThat(again.unchanged()).hasSize(3);
            assertThat(again.changedAnything()).isFalse();
            assertThat(admin.getConfiguration("org.openami.test.probe", "?").getChangeCount()).isEqualTo(changeCount);
            assertThat(admin.getFactoryConfiguration("org.openami.test.probe.channel", "rs485-1", "?").getChangeCount())
                    .isEqualTo(factoryChangeCount);
            assertThat(admin.listConfigurations("(service.factoryPid=org.openami.test.probe.channel)")).hasSize(2);
        }
    }

    @Test
    void a_changed_value_updates_and_a_removed_entry_is_deleted_but_foreign_configurations_stay(@TempDir Path data)
            throws Exception {
        try (EmbeddedFramework fw = boot(data)) {
            apply(fw, FILE);
            ConfigurationAdmin admin = fw.service(ConfigurationAdmin.class, WAIT);
            Configuration foreign = admin.getConfiguration("org.example.someone.else", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("x", 1);
            foreign.update(props);

            ApplyResult result = apply(fw, """
                    {"configurations":[
                      {"pid":"org.openami.test.probe","properties":{"file":"other.csv"}},
                      {"factoryPid":"org.openami.test.probe.channel","name":"rs485-1","properties":{"port":"/dev/ttyUSB0","baud":2400}}
                    ]}""");

            assertThat(result.updated()).containsExactly("org.openami.test.probe");
            assertThat(result.unchanged()).containsExactly("org.openami.test.probe.channel~rs485-1");
            assertThat(result.deleted()).containsExactly("org.openami.test.probe.channel~rs485-2");
            assertThat(admin.getConfiguration("org.openami.test.probe", "?").getProperties().get("retries"))
                    .as("a property left out of the file is gone from the configuration").isNull();
            assertThat(admin.listConfigurations("(service.pid=org.openami.test.probe.channel~rs485-2)")).isNull();
            assertThat(admin.listConfigurations("(service.pid=org.example.someone.else)")).hasSize(1);

            List<ComponentStatus> components = awaitComponents(fw,
                    all -> component(all, ProbeBundle.FACTORY_PID, ProbeBundle.FACTORY_PID + "~rs485-2").isEmpty());
            assertThat(component(components, ProbeBundle.FACTORY_PID, ProbeBundle.FACTORY_PID + "~rs485-2")).isEmpty();
        }
    }

    @Test
    void configurations_survive_a_restart_and_the_next_file_still_cleans_up(@TempDir Path data) throws Exception {
        try (EmbeddedFramework fw = boot(data)) {
            apply(fw, FILE);
            awaitComponents(fw, all -> all.stream().filter(c -> c.state().equals("active")).count() == 3);
        }
        try (EmbeddedFramework fw = boot(data)) {
            ConfigurationAdmin admin = fw.service(ConfigurationAdmin.class, WAIT);
            assertThat(admin.listConfigurations("(" + ConfigApplier.MANAGED_PROPERTY + "=true)")).hasSize(3);
            ApplyResult emptied = apply(fw, "{\"configurations\":[]}");
            assertThat(emptied.deleted()).containsExactlyInAnyOrder("org.openami.test.probe",
                    "org.openami.test.probe.channel~rs485-1", "org.openami.test.probe.channel~rs485-2");
            assertThat(admin.listConfigurations(null)).isNull();
        }
    }
}
