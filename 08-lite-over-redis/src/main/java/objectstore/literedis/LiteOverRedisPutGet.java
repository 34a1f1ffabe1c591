package objectstore.literedis;

import objectstore.harness.Chapter;
import objectstore.harness.Options.Defaults;
import objectstore.litehttp.LiteHttpS3PutGet;
import objectstore.provisioning.StoreKind;

/** Chapter 08: chapter 05's code, unchanged, on a {@code redis://} endpoint. */
public final class LiteOverRedisPutGet {

    /*
     * The lite client opens whatever its endpoint names: http(s):// gives the S3 REST client, redis://
     * gives a facade that keeps S3's semantics (buckets, NoSuchKey, ETags, listing) in Redis, one round
     * trip per operation (objectstore.redis.RedisObjectStore; docs/08-lite-over-redis.md shows its key
     * layout, on one server and on a Redis Cluster). So this chapter is not a copy of chapter 05: it is
     * chapter 05's measure method, with two changes, both in the line below. The store is
     * StoreKind.REDIS_OBJECTS, so the run finds a Redis server instead of an S3 one and StoreClients.open
     * gets a redis:// endpoint; and the name.
     *
     * The original's defaults: 10,000 objects of 5,000 bytes, 1,000 in flight.
     */
    // tag::chapter[]
    public static final Chapter CHAPTER = new Chapter(
            "08-lite-over-redis",
            LiteOverRedisPutGet.class,
            StoreKind.REDIS_OBJECTS,
            new Defaults(10_000, 5_000, 1_000),
            LiteHttpS3PutGet::measure);
    // end::chapter[]

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    private LiteOverRedisPutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 08-lite-over-redis exec:java
 *   ./mvnw -q -pl 08-lite-over-redis exec:java -Dexec.args="--iterations 2000 --redis redis://localhost:6379"
 *   ./mvnw -q -pl 08-lite-over-redis exec:java \
 *     -Dexec.args="--store cluster --iterations 5000 --concurrency 100 --rounds 1"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The phases of chapter 05, on Redis: several times chapter 05's rates on S3Proxy; GETs as fast as chapter
 *   07's bare GET or faster (the facade's connection batches its writes, chapter 07's window does not), PUTs
 *   at about half a bare SET (the MD5 ETag and the index are the S3 semantics' price).
 *   docs/08-lite-over-redis.md has the table. On --store cluster (three masters) the same phases, the
 *   facade splitting the bucket into 64 partitions: the results JSON's store.cluster.keysPerMaster shows
 *   about a third of the objects on each master.
 */
