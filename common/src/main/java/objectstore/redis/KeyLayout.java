package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import objectstore.store.S3Names;

/**
 * Where the facade keeps things in Redis (page 08 draws both layouts):
 *
 * <pre>
 *   s3:buckets             SET: the bucket registry
 *   s3:b:{bucket:p}        SET holding the bucket's name: partition p's marker (a cluster only)
 *   s3:i:{bucket}          ZSET, every score 0: the index, one member per object key
 *   s3:o:{bucket}/key      STRING: the {@link ObjectHeader}, then the object's bytes
 * </pre>
 *
 * On one server a bucket is one partition, tagged {@code {bucket}}, whose bucket check is the registry. On a cluster it
 * is {@link #CLUSTER_PARTITIONS} partitions tagged {@code {bucket:p}}, p the CRC32 of the key's UTF-8 bytes modulo 64,
 * so that its objects spread over every master, each with a marker in its own slot as its bucket check. Either way an
 * object, its index entry and its bucket check share one hash tag: one slot, so one script can touch all three.
 */
final class KeyLayout {

    /** How many partitions each bucket is split into on a Redis Cluster. */
    static final int CLUSTER_PARTITIONS = 64;

    /** The bucket registry. */
    static final byte[] REGISTRY = "s3:buckets".getBytes(UTF_8);

    private final int partitions;
    private final Map<String, BucketKeys> buckets = new ConcurrentHashMap<>();

    /** The layout of one server, or of a cluster. */
    KeyLayout(boolean cluster) {
        this.partitions = cluster ? CLUSTER_PARTITIONS : 1;
    }

    /** The SCAN MATCH pattern of every object key of {@code bucket} on a cluster. */
    static String objectKeyPattern(String bucket) {
        return "s3:o:{" + bucket + ":*}/*";
    }

    /** A bucket's keys, encoded once and kept; a name S3 would refuse is an IllegalArgumentException. */
    BucketKeys bucket(String bucket) {
        BucketKeys keys = bucket == null ? null : buckets.get(bucket);
        if (keys != null) {
            return keys;
        }
        String problem = S3Names.bucketProblem(bucket);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Partition[] all = new Partition[partitions];
        if (partitions == 1) {
            all[0] = new Partition(REGISTRY, bytes("s3:i:{" + bucket + "}"), bytes("s3:o:{" + bucket + "}/"));
        } else {
            for (int p = 0; p < partitions; p++) {
                String tag = "{" + bucket + ":" + p + "}";
                all[p] = new Partition(bytes("s3:b:" + tag), bytes("s3:i:" + tag), bytes("s3:o:" + tag + "/"));
            }
        }
        keys = new BucketKeys(bucket, bytes(bucket), all);
        buckets.put(bucket, keys);
        return keys;
    }

    /** Drops a deleted bucket's keys. */
    void forget(String bucket) {
        buckets.remove(bucket);
    }

    /** An object's keys; a bucket name or key S3 would refuse is an IllegalArgumentException. */
    ObjectKeys object(String bucket, String key) {
        BucketKeys keys = bucket(bucket);
        byte[] keyBytes = objectKey(key);
        Partition partition = keys.of(keyBytes);
        return new ObjectKeys(keys, keyBytes, partition, partition.object(keyBytes));
    }

    /** An object key as UTF-8, the member of its index; a key S3 would refuse is an IllegalArgumentException. */
    static byte[] objectKey(String key) {
        String problem = S3Names.keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return bytes(key);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    /** One object's keys: its bucket's, its key as UTF-8 (its index member), its partition, its Redis key. */
    record ObjectKeys(BucketKeys bucket, byte[] key, Partition partition, byte[] redisKey) {}

    /** A bucket's name and its partitions' keys. */
    record BucketKeys(String bucket, byte[] name, Partition[] partitions) {

        /** The partition of an object key: CRC32 of its UTF-8 bytes, modulo the partitions (none computed for one). */
        Partition of(byte[] key) {
            if (partitions.length == 1) {
                return partitions[0];
            }
            CRC32 crc = new CRC32();
            crc.update(key);
            return partitions[(int) (crc.getValue() % partitions.length)];
        }

        /** The one partition of a single server's bucket. */
        Partition only() {
            return partitions[0];
        }

        /**
         * DeleteObjects' DELETE scripts, one per partition among {@code keys}: KEYS the partition's check, its index
         * and each object's Redis key, ARGV the bucket and each key.
         */
        List<ScriptArguments> deletions(List<byte[]> keys) {
            Map<Partition, List<byte[]>> byPartition = new LinkedHashMap<>();
            for (byte[] key : keys) {
                byPartition.computeIfAbsent(of(key), p -> new ArrayList<>()).add(key);
            }
            List<ScriptArguments> deletions = new ArrayList<>(byPartition.size());
            byPartition.forEach((partition, members) -> {
                byte[][] redisKeys = new byte[2 + members.size()][];
                byte[][] arguments = new byte[1 + members.size()][];
                redisKeys[0] = partition.check();
                redisKeys[1] = partition.index();
                arguments[0] = name;
                for (int i = 0; i < members.size(); i++) {
                    redisKeys[2 + i] = partition.object(members.get(i));
                    arguments[1 + i] = members.get(i);
                }
                deletions.add(new ScriptArguments(redisKeys, arguments));
            });
            return deletions;
        }
    }

    /** A script's KEYS and ARGV. */
    record ScriptArguments(byte[][] keys, byte[][] arguments) {}

    /**
     * One partition's keys: its bucket check (the registry on one server, the partition's marker on a cluster), its
     * index, and the prefix of its objects' Redis keys.
     */
    record Partition(byte[] check, byte[] index, byte[] objectPrefix) {

        /** The Redis key of one object: {@code s3:o:{bucket}/} (or {@code s3:o:{bucket:p}/}) followed by the key. */
        byte[] object(byte[] key) {
            byte[] redisKey = Arrays.copyOf(objectPrefix, objectPrefix.length + key.length);
            System.arraycopy(key, 0, redisKey, objectPrefix.length, key.length);
            return redisKey;
        }
    }
}
