package objectstore.literedis;

import java.util.List;

import objectstore.common.Options.Defaults;
import objectstore.harness.Experiment;
import objectstore.litehttp.LiteHttpS3PutGet;

/**
 * Chapter 08: chapter 05's code, unchanged, on a {@code redis://} endpoint.
 */
public final class LiteOverRedisPutGet {

    /*
     * The lite client opens whatever its endpoint names: http(s):// gives the S3 REST client, redis://
     * gives a facade that keeps S3's semantics (buckets, NoSuchKey, ETags, listing) in Redis, one round
     * trip per operation (objectstore.redis.RedisObjectStore; docs/08-lite-over-redis.md shows its key
     * layout). So this chapter is not a copy of chapter 05: it calls chapter 05's measure method. Only
     * the store differs: Experiment.Kind.REDIS_OBJECTS finds a Redis server instead of an S3 store.
     *
     * The original's defaults: 10,000 objects of 5,000 bytes, 1,000 in flight.
     */
    static final Defaults DEFAULTS = new Defaults(10_000, 5_000, 1_000);

    public static void main(String[] args) {
        System.exit(Experiment.main("08-lite-over-redis", Experiment.Kind.REDIS_OBJECTS, DEFAULTS, List.of(), args,
                LiteHttpS3PutGet::measure));
    }

    private LiteOverRedisPutGet() {
    }
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 08-lite-over-redis exec:java
 *   ./mvnw -q -pl 08-lite-over-redis exec:java -Dexec.args="--iterations 2000 --redis redis://localhost:6379"
 *
 * WHAT YOU SHOULD SEE
 *
 *   The phases of chapter 05, on Redis: several times chapter 05's rates on S3Proxy; GETs close to chapter
 *   07's bare GET, PUTs at about half a bare SET (the MD5 ETag and the index are the S3 semantics' price).
 *   docs/08-lite-over-redis.md has the table.
 */
