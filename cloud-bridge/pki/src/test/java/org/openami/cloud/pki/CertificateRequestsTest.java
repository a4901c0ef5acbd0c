package org.openami.cloud.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateRequestsTest {

    @Test
    void key_pairs_are_fresh_ec_p256() {
        KeyPair a = CertificateRequests.generateKeyPair();
        KeyPair b = CertificateRequests.generateKeyPair();
        assertThat(a.getPublic()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) a.getPublic()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(SubjectPublicKeyInfo.getInstance(a.getPublic().getEncoded()).getAlgorithm().getParameters())
                .isEqualTo(SECObjectIdentifiers.secp256r1);
        assertThat(a.getPublic()).isNotEqualTo(b.getPublic());
    }

    @Test
    void request_is_signed_with_sha256_ecdsa_for_cn_only() throws Exception {
        KeyPair keys = CertificateRequests.generateKeyPair();
        PKCS10CertificationRequest csr = CertificateRequests.create(keys, "CONC-0001");

        assertThat(csr.getSubject().toString()).isEqualTo("CN=CONC-0001");
        assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .build(new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo())))).isTrue();
        assertThat(csr.getAttributes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CONC 0001", "CONC/0001", "..", ".", "ÄÖÜ", "a,b", "CN=x",
        "12345678901234567890123456789012345678901234567890123456789012345"})
    void bad_ids_are_refused(String id) {
        assertThat(CertificateRequests.isValidId(id)).isFalse();
        assertThatThrownBy(() -> CertificateRequests.create(CertificateRequests.generateKeyPair(), id))
                .isInstanceOf(PkiException.class).hasMessageContaining("common name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONC-0001", "a", "broker", "conc_7.site-3",
        "1234567890123456789012345678901234567890123456789012345678901234"})
    void good_ids_are_accepted(String id) throws Exception {
        assertThat(CertificateRequests.isValidId(id)).isTrue();
        assertThat(CertificateRequests.create(CertificateRequests.generateKeyPair(), id).getSubject().toString())
                .isEqualTo("CN=" + id);
    }
}
