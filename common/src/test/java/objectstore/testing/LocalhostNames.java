package objectstore.testing;

import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A name resolver for the lite client ({@code LiteSettings.withNameResolver}) that sends {@code localhost} and every
 * name under it ({@code bucket.localhost}) to 127.0.0.1, and any other name to the JDK.
 *
 * <p>RFC 6761 reserves {@code .localhost} for loopback, and some resolvers honour it (systemd-resolved, curl), but the
 * JDK asks the system, and a plain {@code /etc/hosts} names {@code localhost} alone:
 * {@code InetAddress.getAllByName("bucket.localhost")} fails. Virtual-hosted buckets on a local S3Proxy need exactly
 * this, and nothing more, without touching {@code /etc/hosts}.
 */
public final class LocalhostNames extends InetNameResolver {

    public LocalhostNames() {
        super(ImmediateEventExecutor.INSTANCE);
    }

    /** True when the JDK itself resolves {@code name} (on some systems it resolves *.localhost; here, usually not). */
    public static boolean resolvedByTheJdk(String name) {
        try {
            InetAddress.getAllByName(name);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) {
        try {
            promise.setSuccess(lookup(host)[0]);
        } catch (UnknownHostException e) {
            promise.setFailure(e);
        }
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
        try {
            promise.setSuccess(Arrays.asList(lookup(host)));
        } catch (UnknownHostException e) {
            promise.setFailure(e);
        }
    }

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        return InetAddress.getAllByName(host);
    }
}
