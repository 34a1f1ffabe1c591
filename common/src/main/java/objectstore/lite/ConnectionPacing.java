package objectstore.lite;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import objectstore.util.Permits;

/**
 * Opens connections a few at a time. HTTP/1.1 carries one request per connection at a time, so a burst of requests that
 * finds every connection busy asks for a new connection each, all at once: on a cold client, or after the server closed
 * idle ones, hundreds of handshakes land together. A server's accept queue holds few (a Java server's, like the
 * embedded S3Proxy's Jetty, holds 50 by default); the kernel drops the handshakes it has no room for, and their
 * requests wait for TCP to try again (a second, then three...) or time out, while both sides spend CPU on connections
 * instead of requests.
 *
 * <p>So requests in flight are held to the connections established plus {@link #OPENING_AT_ONCE}: at most that many
 * requests can be waiting for a new connection, and so at most that many are being opened. The {@link Permits} grow as
 * connections open, up to {@code maxInFlight}, and shrink as they close; requests beyond wait in its queue for a
 * connection to come free or to open. AHC hands every new connection to {@link #accept} before it connects.
 */
final class ConnectionPacing implements Consumer<Channel> {

    /** Connections opened at once, at most: well inside a default accept queue. */
    static final int OPENING_AT_ONCE = 16;

    private final int maxInFlight;
    private final Permits permits;
    private final LongAdder opened = new LongAdder();
    private final AtomicInteger opening = new AtomicInteger();
    private final AtomicInteger mostOpening = new AtomicInteger();
    private int established; // guarded by this
    private int allowed; // guarded by this

    ConnectionPacing(int maxInFlight) {
        this.maxInFlight = maxInFlight;
        this.allowed = Math.min(maxInFlight, OPENING_AT_ONCE);
        this.permits = new Permits(allowed);
    }

    /** The queue every request takes a permit from. */
    Permits permits() {
        return permits;
    }

    /** Connections opened since the client opened. */
    long opened() {
        return opened.sum();
    }

    /** The most connections that were being opened at once. */
    int mostOpening() {
        return mostOpening.get();
    }

    /** A new connection, before it connects: counted, and watched until it is established and until it closes. */
    @Override
    public void accept(Channel channel) {
        opened.increment();
        mostOpening.accumulateAndGet(opening.incrementAndGet(), Math::max);
        Watch watch = new Watch();
        channel.pipeline().addFirst("lite-connection-pacing", watch);
        channel.closeFuture().addListener(closed -> {
            if (!watch.established) {
                opening.decrementAndGet(); // it never connected
            }
        });
    }

    /* The permits follow the connections: established plus OPENING_AT_ONCE, at most maxInFlight. */
    private void established(int change) {
        int permitsChange;
        synchronized (this) {
            established += change;
            int target = Math.min(maxInFlight, established + OPENING_AT_ONCE);
            permitsChange = target - allowed;
            allowed = target;
        }
        for (int i = 0; i < permitsChange; i++) {
            permits.release(); // a permit more, for the next waiting request
        }
        for (int i = 0; i > permitsChange; i--) {
            permits.shrink();
        }
    }

    /** Sees its connection become established and, later, go. */
    private final class Watch extends ChannelInboundHandlerAdapter {
        boolean established;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            established = true;
            opening.decrementAndGet();
            established(+1);
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (established) {
                established(-1);
            }
            ctx.fireChannelInactive();
        }
    }
}
