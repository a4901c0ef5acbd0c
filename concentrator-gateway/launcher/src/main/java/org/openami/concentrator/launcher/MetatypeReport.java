package org.openami.concentrator.launcher;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Every configurable PID the installed bundles describe with Metatype (in the concentrator:
 * the OCDs bnd generates from {@code @ObjectClassDefinition} / {@code @Designate}), with
 * each attribute's id, type, cardinality, default and options. Used to print the
 * configurable properties ({@code --list-metatype}, for docs and installers) and, through
 * {@link ConfigValidator}, to refuse a configuration file before any component sees it.
 *
 * <p>A snapshot taken when {@link #collect} runs; {@link Attribute#validate} calls into the
 * framework's Metatype implementation, so use it while the framework runs. Immutable;
 * thread-safe.
 */
public final class MetatypeReport {

    /**
     * One attribute of an object class definition.
     *
     * @param id the property key
     * @param name human name, may be null
     * @param description may be null
     * @param type one of the {@link AttributeDefinition} type constants
     * @param cardinality 0 for a single value, otherwise the most values (negative: a list)
     * @param required whether the OCD lists it as required
     * @param defaults default values, empty if none
     * @param optionValues allowed values, empty if any value of the type is allowed
     * @param validator the Metatype implementation's own check of one value in string form:
     *        returns null or "" when valid, otherwise the reason
     */
    public record Attribute(String id, String name, String description, int type, int cardinality,
            boolean required, List<String> defaults, List<String> optionValues, UnaryOperator<String> validator) {

        /** The Metatype's verdict on one value in string form: empty if valid, else the reason. */
        public Optional<String> validate(String value) {
            String verdict = validator.apply(value);
            return verdict == null || verdict.isEmpty() ? Optional.empty() : Optional.of(verdict);
        }

        /** E.g. {@code Integer}, {@code String[]} (with cardinality). */
        public String typeName() {
            String base = MetatypeReport.typeName(type);
            return cardinality == 0 ? base : base + "[]";
        }
    }

    /**
     * One object class definition, designated for a PID or a factory PID.
     *
     * @param pid the PID or factory PID
     * @param factory true when designated for a factory PID
     * @param name human name, may be null
     * @param description may be null
     * @param attributes every attribute, in OCD order
     * @param bundle symbolic name of the bundle that carries it
     */
    public record Ocd(String pid, boolean factory, String name, String description, List<Attribute> attributes,
            String bundle) {

        /** The attribute with this id, if the OCD defines it. */
        public Optional<Attribute> attribute(String id) {
            return attributes.stream().filter(a -> a.id().equals(id)).findFirst();
        }
    }

    private final List<Ocd> ocds;
    private final Map<String, Ocd> byPid = new HashMap<>();
    private final Map<String, Ocd> byFactoryPid = new HashMap<>();

    MetatypeReport(List<Ocd> ocds) {
        this.ocds = List.copyOf(ocds);
        for (Ocd o : this.ocds) {
            (o.factory() ? byFactoryPid : byPid).putIfAbsent(o.pid(), o);
        }
    }

    /**
     * Reads the Metatype of every installed bundle. Bundles need only be resolved: Metatype
     * XML is read from the bundle's entries.
     */
    public static MetatypeReport collect(List<Bundle> bundles, MetaTypeService metaType) {
        List<Ocd> ocds = new ArrayList<>();
        for (Bundle bundle : bundles) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            for (String pid : sorted(info.getPids())) {
                add(ocds, info, pid, false, bundle);
            }
            for (String factoryPid : sorted(info.getFactoryPids())) {
                add(ocds, info, factoryPid, true, bundle);
            }
        }
        return new MetatypeReport(ocds);
    }

    private static List<String> sorted(String[] pids) {
        if (pids == null) {
            return List.of();
        }
        List<String> list = new ArrayList<>(Arrays.asList(pids));
        Collections.sort(list);
        return list;
    }

    private static void add(List<Ocd> ocds, MetaTypeInformation info, String pid, boolean factory, Bundle bundle) {
        ObjectClassDefinition ocd;
        try {
            ocd = info.getObjectClassDefinition(pid, null);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (ocd == null) {
            return;
        }
        Set<String> required = ids(ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED));
        List<Attribute> attributes = new ArrayList<>();
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            attributes.add(new Attribute(ad.getID(), ad.getName(), ad.getDescription(), ad.getType(),
                    ad.getCardinality(), required.contains(ad.getID()), list(ad.getDefaultValue()),
                    list(ad.getOptionValues()), ad::validate));
        }
        ocds.add(new Ocd(pid, factory, ocd.getName(), ocd.getDescription(), attributes, bundle.getSymbolicName()));
    }

    private static Set<String> ids(AttributeDefinition[] ads) {
        Set<String> ids = new HashSet<>();
        if (ads != null) {
            for (AttributeDefinition ad : ads) {
                ids.add(ad.getID());
            }
        }
        return ids;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    /** Every OCD, grouped by bundle in bundle order. */
    public List<Ocd> ocds() {
        return ocds;
    }

    /** The OCD designated for a singleton PID. */
    public Optional<Ocd> forPid(String pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** The OCD designated for a factory PID. */
    public Optional<Ocd> forFactoryPid(String factoryPid) {
        return Optional.ofNullable(byFactoryPid.get(factoryPid));
    }

    /**
     * Checks a configuration file against these OCDs and returns it with values converted to
     * the declared types.
     *
     * @throws ConfigFileException naming the pid and property of every refusal
     * @see ConfigValidator
     */
    public ConfigFile check(ConfigFile file) throws ConfigFileException {
        return new ConfigValidator(this).check(file);
    }

    /** Prints every configurable PID and its properties, one property per line. */
    public void print(PrintWriter out) {
        if (ocds.isEmpty()) {
            out.println("no bundle describes a configuration with Metatype");
            return;
        }
        String bundle = null;
        for (Ocd ocd : ocds) {
            if (!ocd.bundle().equals(bundle)) {
                bundle = ocd.bundle();
                out.println("bundle " + bundle);
            }
            out.println("  " + (ocd.factory() ? "factoryPid " : "pid ") + ocd.pid()
                    + (ocd.name() != null ? "  \"" + ocd.name() + "\"" : ""));
            int width = ocd.attributes().stream().mapToInt(a -> a.id().length()).max().orElse(0);
            for (Attribute a : ocd.attributes()) {
                out.println("    " + pad(a.id(), width) + "  " + pad(a.typeName(), 10) + "  " + details(a));
            }
        }
    }

    private static String details(Attribute a) {
        List<String> parts = new ArrayList<>();
        if (!a.defaults().isEmpty()) {
            parts.add("default " + (a.cardinality() == 0 ? a.defaults().get(0) : a.defaults().toString()));
        } else if (a.required()) {
            parts.add("required");
        }
        if (a.cardinality() != 0 && Math.abs(a.cardinality()) != Integer.MAX_VALUE) {
            parts.add("up to " + Math.abs(a.cardinality()) + " values");
        }
        if (!a.optionValues().isEmpty()) {
            parts.add("one of " + String.join("|", a.optionValues()));
        }
        String text = a.description() != null && !a.description().isBlank() ? a.description() : a.name();
        if (text != null && !text.isBlank() && !text.equals(a.id())) {
            parts.add("- " + text.strip().replaceAll("\\s+", " "));
        }
        return String.join("; ", parts);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Name of an {@link AttributeDefinition} type constant. */
    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "String";
            case AttributeDefinition.LONG -> "Long";
            case AttributeDefinition.INTEGER -> "Integer";
            case AttributeDefinition.SHORT -> "Short";
            case AttributeDefinition.CHARACTER -> "Character";
            case AttributeDefinition.BYTE -> "Byte";
            case AttributeDefinition.DOUBLE -> "Double";
            case AttributeDefinition.FLOAT -> "Float";
            case AttributeDefinition.BOOLEAN -> "Boolean";
            case AttributeDefinition.PASSWORD -> "Password";
            default -> "type " + type;
        };
    }
}
