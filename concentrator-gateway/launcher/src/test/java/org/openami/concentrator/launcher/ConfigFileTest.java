package org.openami.concentrator.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    private static ConfigFile parse(String json) throws ConfigFileException {
        return ConfigFile.parse("test.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(String json) {
        try {
            parse(json);
        } catch (ConfigFileException e) {
            return e.problems();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void reads_singleton_and_factory_configurations_with_typed_values() throws Exception {
        ConfigFile f = parse("""
                {"configurations":[
                  {"pid":"org.openami.concentrator.archive","properties":{"file":"meters.csv","enabled":true}},
                  {"factoryPid":"org.openami.concentrator.channel.rs485","name":"rs485-1",
                   "properties":{"port":"/dev/ttyUSB0","baud":2400,"window":6000000000,
                                 "tags":["a","b"],"ids":[1,2],"big":[1,6000000000],"flags":[true,false],"none":[]}}
                ]}""");
        assertThat(f.entries()).hasSize(2);
        ConfigEntry archive = f.entries().get(0);
        assertThat(archive.pid()).isEqualTo("org.openami.concentrator.archive");
        assertThat(archive.isFactory()).isFalse();
        assertThat(archive.properties()).containsEntry("file", "meters.csv").containsEntry("enabled", true);

        ConfigEntry rs485 = f.entries().get(1);
        assertThat(rs485.isFactory()).isTrue();
        assertThat(rs485.factoryPid()).isEqualTo("org.openami.concentrator.channel.rs485");
        assertThat(rs485.name()).isEqualTo("rs485-1");
        assertThat(rs485.properties().get("baud")).isEqualTo(2400);
        assertThat(rs485.properties().get("window")).isEqualTo(6_000_000_000L);
        assertThat((String[]) rs485.properties().get("tags")).containsExactly("a", "b");
        assertThat((Integer[]) rs485.properties().get("ids")).containsExactly(1, 2);
        assertThat((Long[]) rs485.properties().get("big")).containsExactly(1L, 6_000_000_000L);
        assertThat((Boolean[]) rs485.properties().get("flags")).containsExactly(true, false);
        assertThat((String[]) rs485.properties().get("none")).isEmpty();
        assertThat(rs485.properties().keySet()).containsExactly("port", "baud", "window", "tags", "ids", "big", "flags", "none");
    }

    @Test
    void the_sample_file_of_the_docs_is_valid() throws Exception {
        ConfigFile f = ConfigFile.load(Path.of("src/main/config/sample-concentrator.json"));
        assertThat(f.entries()).extracting(ConfigEntry::metatypePid).contains(
                "org.openami.concentrator.collector", "org.openami.concentrator.store", "org.openami.concentrator.channel.rs485");
    }

    @Test
    void an_empty_configuration_list_is_valid() throws Exception {
        assertThat(parse("{\"configurations\":[]}").entries()).isEmpty();
    }

    @Test
    void unknown_top_level_key_is_refused() {
        assertThat(problems("{\"configurations\":[],\"comment\":\"x\"}"))
                .containsExactly("unknown top-level key \"comment\" (only \"configurations\" is allowed)");
    }

    @Test
    void missing_configurations_is_refused() {
        assertThat(problems("{}")).containsExactly("missing top-level key \"configurations\"");
        assertThat(problems("{\"configurations\":{}}").get(0)).contains("must be an array");
        assertThat(problems("[]").get(0)).contains("expected a JSON object");
        assertThat(problems("").get(0)).contains("empty");
    }

    @Test
    void missing_pid_names_the_entry() {
        assertThat(problems("{\"configurations\":[{\"pid\":\"a.b\"},{\"properties\":{}}]}"))
                .containsExactly("configurations[1]: missing \"pid\" (or \"factoryPid\" and \"name\")");
    }

    @Test
    void pid_and_factory_pid_together_are_refused() {
        assertThat(problems("{\"configurations\":[{\"pid\":\"a\",\"factoryPid\":\"b\",\"name\":\"n\"}]}").get(0))
                .startsWith("configurations[0]: has both \"pid\" and \"factoryPid\"");
    }

    @Test
    void factory_configuration_needs_a_name_and_a_singleton_none() {
        assertThat(problems("{\"configurations\":[{\"factoryPid\":\"a.b\"}]}").get(0))
                .startsWith("configurations[0] (factoryPid a.b): missing \"name\"");
        assertThat(problems("{\"configurations\":[{\"pid\":\"a.b\",\"name\":\"x\"}]}").get(0))
                .startsWith("configurations[0] (pid a.b): \"name\" is only for factory configurations");
        assertThat(problems("{\"configurations\":[{\"factoryPid\":\"a.b\",\"name\":\"x~y\"}]}").get(0))
                .contains("\"name\" \"x~y\" must be");
    }

    @Test
    void unknown_entry_key_and_bad_pid_are_refused() {
        assertThat(problems("{\"configurations\":[{\"pid\":\"a b\",\"propreties\":{}}]}")).containsExactly(
                "configurations[0]: unknown key \"propreties\" (allowed: pid, factoryPid, name, properties)",
                "configurations[0]: \"pid\" \"a b\" is not a valid PID (letters, digits, _ - separated by dots)");
        assertThat(problems("{\"configurations\":[{\"pid\":42}]}"))
                .containsExactly("configurations[0]: \"pid\" must be a non-empty string, found a number");
    }

    @Test
    void wrong_value_types_name_the_entry_and_property() {
        List<String> p = problems("""
                {"configurations":[{"factoryPid":"rs485","name":"bus-1","properties":{
                  "baud":2400.5, "port":null, "nested":{"a":1}, "mixed":["a",1], "huge":123456789012345678901234567890,
                  "service.pid":"x", "bad key":"v"}}]}""");
        String where = "configurations[0] (factoryPid rs485, name bus-1): property ";
        assertThat(p).containsExactly(
                where + "\"baud\": decimal number 2400.5 is not accepted: give an integer in the unit the property names"
                        + " (Wh, minor currency units, ms...) or a string",
                where + "\"port\": null is not a value; leave the property out to get its default",
                where + "\"nested\": nested objects are not accepted (values are strings, integers, booleans or arrays of those)",
                where + "\"mixed\": array elements must be all strings, all integers or all booleans"
                        + " (no decimals, nulls, nested arrays or objects)",
                where + "\"huge\": integer 123456789012345678901234567890 is out of range (64-bit at most)",
                where + "\"service.pid\": reserved name (keys starting service. belong to the framework or the launcher)",
                where + "\"bad key\": not a valid property name (letters, digits, _ . -, at most 100)");
    }

    @Test
    void properties_must_be_an_object() {
        assertThat(problems("{\"configurations\":[{\"pid\":\"a\",\"properties\":[1]}]}"))
                .containsExactly("configurations[0] (pid a): \"properties\" must be an object, found an array");
    }

    @Test
    void the_same_configuration_twice_is_refused() {
        assertThat(problems("""
                {"configurations":[{"pid":"a"},{"factoryPid":"f","name":"n"},{"pid":"a"},{"factoryPid":"f","name":"n"},
                {"factoryPid":"f","name":"m"}]}"""))
                .containsExactly("configurations[2] (pid a): the same configuration as configurations[0]",
                        "configurations[3] (factoryPid f, name n): the same configuration as configurations[1]");
    }

    @Test
    void duplicate_keys_and_trailing_garbage_are_not_json() {
        assertThat(problems("{\"configurations\":[],\"configurations\":[]}").get(0))
                .startsWith("not valid JSON: Duplicate field 'configurations'");
        assertThat(problems("{\"configurations\":[]} x").get(0)).startsWith("not valid JSON");
        assertThat(problems("{\"configurations\":[").get(0)).startsWith("not valid JSON").contains("line 1");
    }

    @Test
    void a_file_over_the_limit_is_refused_without_parsing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        byte[] content = new byte[ConfigFile.MAX_BYTES + 1];
        java.util.Arrays.fill(content, (byte) ' ');
        Files.write(big, content);
        assertThatThrownBy(() -> ConfigFile.load(big))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage(big + ": file too big: " + (ConfigFile.MAX_BYTES + 1) + " bytes, at most "
                        + ConfigFile.MAX_BYTES + " are accepted");
    }

    @Test
    void a_missing_file_is_a_config_file_problem(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("nope.json")))
                .isInstanceOf(ConfigFileException.class).hasMessageEndingWith("nope.json: no such file");
    }

    @Test
    void the_summary_message_is_one_line_and_counts_the_rest() {
        assertThatThrownBy(() -> parse("{\"configurations\":[{},{}]}"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("test.json: configurations[0]: missing \"pid\" (or \"factoryPid\" and \"name\") (and 1 more)");
    }
}
