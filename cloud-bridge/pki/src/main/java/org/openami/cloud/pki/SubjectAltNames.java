package org.openami.cloud.pki;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.util.IPAddress;

/**
 * The subject alternative names of a server certificate, checked: DNS names are dot-separated
 * labels of letters, digits and hyphens (no wildcards, at most 253 characters), IP addresses are
 * IPv4 or IPv6 literals (never looked up). Duplicates are dropped; at least one name is needed.
 */
final class SubjectAltNames {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private SubjectAltNames() {
    }

    static GeneralNames build(List<String> dnsNames, List<String> ipAddresses, int max) throws PkiException {
        Set<String> dns = new LinkedHashSet<>();
        for (String d : dnsNames) {
            dns.add(checkDns(d).toLowerCase(Locale.ROOT));
        }
        Set<String> ips = new LinkedHashSet<>();
        for (String ip : ipAddresses) {
            ips.add(checkIp(ip));
        }
        if (dns.isEmpty() && ips.isEmpty()) {
            throw new PkiException("subject alternative names: none given; a server certificate needs at least one DNS name or IP address");
        }
        if (dns.size() + ips.size() > max) {
            throw new PkiException("subject alternative names: more than " + max);
        }
        List<GeneralName> names = new ArrayList<>();
        for (String d : dns) {
            names.add(new GeneralName(GeneralName.dNSName, d));
        }
        for (String ip : ips) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    private static String checkDns(String name) throws PkiException {
        if (name == null || name.isEmpty()) {
            throw new PkiException("DNS name: empty");
        }
        if (name.length() > 253) {
            throw new PkiException("DNS name: longer than 253 characters");
        }
        if (IPAddress.isValid(name)) {
            throw new PkiException("DNS name: '" + name + "' is an IP address; give it as an IP address instead");
        }
        for (String label : name.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new PkiException("DNS name: '" + SubjectNames.printable(name)
                        + "' is not dot-separated labels of letters, digits and hyphens (wildcards are not issued)");
            }
        }
        return name;
    }

    private static String checkIp(String ip) throws PkiException {
        if (ip == null || ip.isEmpty()) {
            throw new PkiException("IP address: empty");
        }
        if (ip.length() > 45 || !IPAddress.isValid(ip)) {
            throw new PkiException("IP address: '" + SubjectNames.printable(ip) + "' is not an IPv4 or IPv6 literal");
        }
        return ip;
    }
}
