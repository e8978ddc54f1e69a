package dev.atrium.core.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import dev.atrium.core.error.DomainException;
import dev.atrium.core.error.ErrorRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every outbound call made on a user's behalf (tools, webhooks, URL import) asks this first, so a user
 * cannot reach the platform's own network. Loopback, private, link-local, CGNAT, multicast and
 * unspecified addresses (also when wrapped in IPv4-mapped, NAT64, 6to4 or Teredo IPv6) are denied unless {@code atrium.egress.allow-private=true} (set by
 * {@code ./atrium up} for local use). Every address a name resolves to is checked, and the caller must
 * connect to one of the returned addresses so a DNS answer cannot change between check and use.
 */
@ApplicationScoped
public class EgressPolicy {

    private final boolean allowPrivate;
    private final ErrorRange range;

    @Inject
    public EgressPolicy(EgressConfig config, ErrorRange range) {
        this(config.allowPrivate(), range);
    }

    EgressPolicy(boolean allowPrivate, ErrorRange range) {
        this.allowPrivate = allowPrivate;
        this.range = range;
    }

    /** The vetted addresses of the URL's host; throws a 403 DomainException when the target is not allowed. */
    public List<InetAddress> check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw denied("only http and https URLs are allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw denied("the URL has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new DomainException(range.common().validation(), "unknown host " + host);
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && isInternal(address)) {
                throw denied("the URL points to a private or loopback address");
            }
        }
        return List.of(addresses);
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            // IPv6 forms that carry an IPv4 address, which may be a private one behind a translator
            if (isV4Mapped(b) || isPrefix(b, NAT64) || isPrefix(b, NAT64_LOCAL)) {
                return isInternalV4(java.util.Arrays.copyOfRange(b, 12, 16));
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return isInternalV4(java.util.Arrays.copyOfRange(b, 2, 6));
            }
            return isPrefix(b, TEREDO);
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
    }

    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] NAT64_LOCAL = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};
    private static final byte[] TEREDO = {0x20, 0x01, 0, 0};

    private static boolean isInternalV4(byte[] v4) {
        try {
            return isInternal(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return true;
        }
    }

    private static boolean isPrefix(byte[] address, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private DomainException denied(String why) {
        return new DomainException(range.common().forbidden(), "egress denied: " + why);
    }
}
