package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openami.concentrator.launcher.MetatypeReport.Attribute;
import org.openami.concentrator.launcher.MetatypeReport.Ocd;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;

/**
 * The Metatype of the bundles, read through the real MetaTypeService (Felix Metatype) from
 * the probe bundle's OCDs, listed, and used to refuse bad configuration files before any
 * component sees them.
 */
class MetatypeIT {

    @TempDir
    static Path data;
    private static EmbeddedFramework framework;
    private static MetatypeReport report;

    @BeforeAll
    static void boot() throws Exception {
        framework = EmbeddedFramework.builder().dataDirectory(data).bundles(TestBundles.withProbe(data))
                .startComponentRuntime(false).start();
        report = MetatypeReport.collect(framework.bundles(), framework.service(MetaTypeService.class, Duration.ofSeconds(20)));
    }

    @AfterAll
    static void stop() {
        if (framework != null) {
            framework.close();
        }
    }

    private static List<String> refusals(String json) {
        try {
            report.check(ConfigFile.parse("bad.json", json.getBytes(StandardCharsets.UTF_8)));
        } catch (ConfigFileException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + json);
    }

    private static String entry(String pid, String properties) {
        return "{\"configurations\":[{\"pid\":\"" + pid + "\",\"properties\":" + properties + "}]}";
    }

    private static String channel(String properties) {
        return "{\"configurations\":[{\"factoryPid\":\"" + ProbeBundle.FACTORY_PID + "\",\"name\":\"bus\",\"properties\":"
                + properties + "}]}";
    }

    @Test
    void lists_the_ocds_of_every_bundle_with_types_defaults_and_options() {
        Ocd probe = report.forPid(ProbeBundle.PID).orElseThrow();
        assertThat(probe.factory()).isFalse();
        assertThat(probe.bundle()).isEqualTo(ProbeBundle.SYMBOLIC_NAME);
        assertThat(probe.attributes()).extracting(Attribute::id)
                .containsExactly("file", "retries", "window", "mode", "enabled", "tags", "ratio");
        Attribute mode = probe.attribute("mode").orElseThrow();
        assertThat(mode.type()).isEqualTo(AttributeDefinition.STRING);
        assertThat(mode.defaults()).containsExactly("fast");
        assertThat(mode.optionValues()).containsExactly("fast", "slow");
        assertThat(probe.attribute("tags").orElseThrow().cardinality()).isEqualTo(3);

        Ocd channel = report.forFactoryPid(ProbeBundle.FACTORY_PID).orElseThrow();
        assertThat(channel.factory()).isTrue();
        assertThat(channel.attribute("port").orElseThrow().required()).isTrue();
        assertThat(report.forPid(ProbeBundle.FACTORY_PID)).isEmpty();

        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text, true));
        assertThat(text.toString())
                .contains("bundle " + ProbeBundle.SYMBOLIC_NAME)
                .contains("pid " + ProbeBundle.PID + "  \"Probe\"")
                .contains("factoryPid " + ProbeBundle.FACTORY_PID)
                .containsPattern("file +String +default meters.csv; - Path of the archive, relative to the working directory")
                .containsPattern("baud +Integer +default 2400; one of 1200\\|2400\\|9600")
                .containsPattern("port +String +required")
                .containsPattern("tags +String\\[\\] +up to 3 values");
    }

    @Test
    void a_good_file_passes_and_values_take_the_declared_types() throws Exception {
        ConfigFile typed = report.check(ConfigFile.parse("good.json", """
                {"configurations":[
                  {"pid":"org.openami.test.probe","properties":{"window":5,"tags":"only-one"}},
                  {"factoryPid":"org.openami.test.probe.channel","name":"bus","properties":{"port":"/dev/ttyS0","address":12,"parity":"O"}}
                ]}""".getBytes(StandardCharsets.UTF_8)));
        assertThat(typed.entries().get(0).properties().get("window")).isEqualTo(5L);
        assertThat((String[]) typed.entries().get(0).properties().get("tags")).containsExactly("only-one");
        assertThat(typed.entries().get(1).properties().get("address")).isEqualTo((short) 12);
        assertThat(typed.entries().get(1).properties().get("parity")).isEqualTo('O');
    }

    @Test
    void an_unknown_property_is_refused_naming_pid_and_property() {
        assertThat(refusals(entry(ProbeBundle.PID, "{\"fiel\":\"meters.csv\"}"))).containsExactly(
                "configurations[0] (pid org.openami.test.probe): property \"fiel\": not defined by the Metatype of"
                        + " org.openami.test.probe (defined: file, retries, window, mode, enabled, tags, ratio)");
    }

    @Test
    void a_value_of_the_wrong_type_is_refused() {
        String where = "configurations[0] (pid org.openami.test.probe): property ";
        assertThat(refusals(entry(ProbeBundle.PID, "{\"retries\":\"5\",\"file\":7,\"enabled\":\"yes\",\"mode\":[\"fast\"]}")))
                .containsExactly(
                        where + "\"retries\": expected an Integer, found the string \"5\"",
                        where + "\"file\": expected a String, found the integer 7",
                        where + "\"enabled\": expected a Boolean, found the string \"yes\"",
                        where + "\"mode\": expected a single String, found an array");
    }

    @Test
    void a_value_outside_the_options_or_the_range_is_refused() {
        assertThat(refusals(channel("{\"port\":\"/dev/ttyS0\",\"baud\":4800}"))).containsExactly(
                "configurations[0] (factoryPid org.openami.test.probe.channel, name bus): property \"baud\":"
                        + " 4800 is not one of [1200, 2400, 9600]");
        assertThat(refusals(channel("{\"port\":\"/dev/ttyS0\",\"address\":40000}"))).containsExactly(
                "configurations[0] (factoryPid org.openami.test.probe.channel, name bus): property \"address\":"
                        + " integer 40000 is out of range for Short");
        assertThat(refusals(entry(ProbeBundle.PID, "{\"retries\":11}"))).singleElement().asString()
                .startsWith("configurations[0] (pid org.openami.test.probe): property \"retries\": 11 refused by the Metatype: ");
        assertThat(refusals(entry(ProbeBundle.PID, "{\"tags\":[\"a\",\"b\",\"c\",\"d\"]}"))).containsExactly(
                "configurations[0] (pid org.openami.test.probe): property \"tags\": at most 3 values are allowed, found 4");
    }

    @Test
    void a_missing_required_property_and_floating_point_attributes_are_refused() {
        assertThat(refusals(channel("{\"baud\":2400}"))).containsExactly(
                "configurations[0] (factoryPid org.openami.test.probe.channel, name bus): property \"port\":"
                        + " required by the Metatype of org.openami.test.probe.channel and has no default");
        assertThat(refusals(entry(ProbeBundle.PID, "{\"ratio\":2}"))).singleElement().asString()
                .contains("property \"ratio\": the attribute is declared Double");
    }

    @Test
    void an_undescribed_pid_or_the_wrong_kind_of_pid_is_refused() {
        assertThat(refusals(entry("org.openami.test.nothing", "{}"))).containsExactly(
                "configurations[0] (pid org.openami.test.nothing): no installed bundle describes PID"
                        + " org.openami.test.nothing with Metatype (misspelt, or its bundle is missing from the bundle set?)");
        assertThat(refusals(entry(ProbeBundle.FACTORY_PID, "{}"))).containsExactly(
                "configurations[0] (pid org.openami.test.probe.channel): org.openami.test.probe.channel is a factory PID"
                        + " in its Metatype: use \"factoryPid\" and \"name\"");
    }
}
