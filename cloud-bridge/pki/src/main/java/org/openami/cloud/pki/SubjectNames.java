package org.openami.cloud.pki;

import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The subject names this PKI issues: exactly one RDN, {@code CN=<id>}, where the id is 1 to 64
 * characters of {@code [A-Za-z0-9._-]} (a concentrator id such as {@code CONC-0001}, or a
 * broker name). Such an id is safe as a file name, an MQTT user name and a topic level.
 */
final class SubjectNames {

    static final int MAX_ID_LENGTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ID_LENGTH + "}");

    private SubjectNames() {
    }

    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    /** @throws PkiException naming {@code field} when the id breaks the syntax */
    static String checkId(String id, String field) throws PkiException {
        if (id == null || id.isEmpty()) {
            throw new PkiException(field + ": empty; expected 1.." + MAX_ID_LENGTH + " characters of A-Z a-z 0-9 . _ -");
        }
        if (!isValidId(id)) {
            throw new PkiException(field + ": '" + printable(id) + "' is not 1.." + MAX_ID_LENGTH
                    + " characters of A-Z a-z 0-9 . _ -");
        }
        return id;
    }

    static X500Name commonNameOnly(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    /**
     * @return the CN of a name made of exactly one single-valued CN attribute
     * @throws PkiException naming {@code field} if the name has any other shape
     */
    static String soleCommonName(X500Name name, String field) throws PkiException {
        RDN[] rdns = name.getRDNs();
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            throw new PkiException(field + ": subject must be exactly CN=<id>, was '" + printable(name.toString()) + "'");
        }
        AttributeTypeAndValue atv = rdns[0].getFirst();
        if (!BCStyle.CN.equals(atv.getType())) {
            throw new PkiException(field + ": subject must be exactly CN=<id>, was '" + printable(name.toString()) + "'");
        }
        ASN1Encodable value = atv.getValue();
        if (!(value instanceof ASN1String s)) {
            throw new PkiException(field + ": the CN is not a string");
        }
        return s.getString();
    }

    /** @return the CN of any name, or null when it has none or several */
    static String commonNameOrNull(X500Name name) {
        RDN[] cns = name.getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            return null;
        }
        ASN1Encodable value = cns[0].getFirst().getValue();
        return value instanceof ASN1String s ? s.getString() : null;
    }

    /** Untrusted text for a one-line message: control characters escaped, length capped. */
    static String printable(String s) {
        final int max = 80;
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (i < s.length()) {
            sb.append("...");
        }
        return sb.toString();
    }
}
