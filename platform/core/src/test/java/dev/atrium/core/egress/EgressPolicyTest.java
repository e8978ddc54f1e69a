package dev.atrium.core.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;

class EgressPolicyTest {

    private static final ErrorRange RANGE = new ErrorRange() {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public int errorRange() {
            return 102;
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://100.64.0.1/",
            "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/", "http://224.0.0.1/",
            "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/", "http://[2001:0:4136:e378::1]/"})
    void deniesInternalTargets(String url) {
        DomainException e = assertThrows(DomainException.class, () -> new EgressPolicy(false, RANGE).check(URI.create(url)));
        assertEquals(102403001, e.errorCode().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://8.8.8.8/", "gopher://8.8.8.8/", "http:///nohost"})
    void deniesOtherSchemesAndHostlessUrls(String url) {
        assertThrows(DomainException.class, () -> new EgressPolicy(true, RANGE).check(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://8.8.8.8/v1/chat", "http://1.1.1.1:8443/", "https://[2606:4700:4700::1111]/"})
    void allowsPublicTargets(String url) {
        assertFalse(new EgressPolicy(false, RANGE).check(URI.create(url)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8085/", "http://10.0.0.5/"})
    void allowsPrivateTargetsWhenConfigured(String url) {
        assertFalse(new EgressPolicy(true, RANGE).check(URI.create(url)).isEmpty());
    }
}
