package objectstore.lite;

import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client's name resolver unless the settings bring another: {@code localhost} and every name under it
 * ({@code bucket.s3.localhost}) are loopback, 127.0.0.1 then ::1; any other name goes to the JDK's resolver, as
 * async-http-client's own default sends it.
 *
 * <p>RFC 6761 reserves {@code .localhost} for loopback, and curl and the browsers answer it themselves; the JDK asks
 * the system, whose {@code /etc/hosts} usually names {@code localhost} alone. So a virtual-hosted local store,
 * {@code http://bucket.s3.localhost:9000}, needs no hosts file. Names are resolved when a connection opens, not per
 * request.
 */
final class LoopbackNames extends InetNameResolver {

    static final LoopbackNames INSTANCE = new LoopbackNames();

    private LoopbackNames() {
        super(ImmediateEventExecutor.INSTANCE);
    }

    /** True for {@code localhost} and the names under it, in any case, with or without the root's final dot. */
    static boolean isLoopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost");
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
        if (isLoopbackName(host)) {
            return new InetAddress[] {
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}),
                InetAddress.getByAddress(host, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
            };
        }
        return InetAddress.getAllByName(host);
    }
}
