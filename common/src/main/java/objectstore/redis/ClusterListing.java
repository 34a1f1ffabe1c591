package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.redis.KeyLayout.BucketKeys;
import objectstore.redis.KeyLayout.Partition;
import objectstore.store.ListPage;

/**
 * One page of a listing on a cluster, merged from every partition's index. Each partition is asked for its next keys
 * after the page's start, about twice its share of the page (not the whole page: that would move 64 pages to return
 * one), all at once. The keys up to the lowest last key among the partitions that may have more are then known exactly:
 * every partition has answered up to there. If those are a page and one more, or every partition is done, the page is
 * the first maxKeys of them, in byte order. Otherwise the partitions that may have more are asked again, for twice as
 * many, from where each stopped.
 */
final class ClusterListing {

    private final RedisClusterAsyncCommands<byte[], byte[]> commands;
    private final BucketKeys keys;
    private final byte[] max;
    private final int maxKeys;
    /** Where each partition's next request starts: the page's min, then just after its last key. */
    private final byte[][] from;
    /** The partitions that answered fewer keys than asked: they have no more. */
    private final boolean[] done;

    private final List<Listing.Entry> entries = new ArrayList<>();
    private int wanted;

    ClusterListing(
            RedisClusterAsyncCommands<byte[], byte[]> commands, BucketKeys keys, Listing.Range range, int maxKeys) {
        this.commands = commands;
        this.keys = keys;
        this.max = range.max();
        this.maxKeys = maxKeys;
        this.from = new byte[keys.partitions().length][];
        Arrays.fill(from, range.min());
        this.done = new boolean[from.length];
        this.wanted = Math.min(maxKeys + 1, 2 * ((maxKeys + 1 + from.length - 1) / from.length) + 2);
    }

    /** Asks the partitions that may have more, and answers the page once it is exact. */
    CompletableFuture<ListPage> next() {
        List<CompletableFuture<Void>> asked = new ArrayList<>();
        int ask = wanted;
        for (int p = 0; p < from.length; p++) {
            if (done[p]) {
                continue;
            }
            int partition = p;
            Partition keysOfP = keys.partitions()[p];
            asked.add(Script.LIST
                    .<List<Object>>eval(
                            commands,
                            ScriptOutputType.MULTI,
                            new byte[][] {keysOfP.check(), keysOfP.index()},
                            keys.name(),
                            keysOfP.objectPrefix(),
                            from[partition],
                            max,
                            Integer.toString(ask).getBytes(UTF_8),
                            ObjectHeader.LENGTH_ARGUMENT)
                    .thenAccept(reply -> add(partition, reply, ask)));
        }
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenCompose(all -> pageOrMore());
    }

    private CompletableFuture<ListPage> pageOrMore() {
        entries.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        byte[] known = null; // every key up to here is in entries; null: every key is
        for (int p = 0; p < from.length; p++) {
            if (!done[p]) {
                byte[] last = Listing.keyAfter(from[p]);
                if (known == null || Arrays.compareUnsigned(last, known) < 0) {
                    known = last;
                }
            }
        }
        int exact = 0;
        while (exact < entries.size()
                && (known == null || Arrays.compareUnsigned(entries.get(exact).key(), known) <= 0)) {
            exact++;
        }
        if (known != null && exact <= maxKeys) {
            wanted = Math.min(maxKeys + 1, wanted * 2);
            return next();
        }
        return CompletableFuture.completedFuture(Listing.page(entries, Math.min(exact, maxKeys), exact > maxKeys));
    }

    private synchronized void add(int partition, List<Object> reply, int asked) {
        List<Listing.Entry> found = Listing.entries(reply);
        entries.addAll(found);
        if (found.size() < asked) {
            done[partition] = true;
        } else {
            from[partition] = Listing.after(found.getLast().key());
        }
    }
}
