package objectstore.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import objectstore.util.Causes;

/**
 * The facade's Lua scripts, one file each beside this class ({@code objectstore/redis/NAME.lua}), read and hashed once
 * when the class is initialised. Each file's header says its KEYS, its ARGV and what it returns.
 *
 * <p>A script answers an S3 error as {@code redis.error_reply('CODE message')}: the code, a space, a message. Redis 7
 * reads the first word of an error as its code and puts {@code ERR} in front of a one-word error; with the message the
 * reply arrives the same on 6.2 and 7, and {@link RedisErrors} reads the code from its first word.
 */
enum Script {
    /** PutObject's second half, sent with the plain SET: checks the bucket, stamps the time, indexes the key. */
    INDEX("index"),
    /** GetObject after an empty GETRANGE: the bytes, or NoSuchBucket / NoSuchKey. */
    GET("get"),
    /** HeadObject: the header and the stored length. */
    HEAD("head"),
    /** DeleteObject and DeleteObjects: up to 1,000 keys of one partition. */
    DELETE("delete"),
    /** ListObjectsV2 on one index, dropping expired members. */
    LIST("list"),
    /** DeleteBucket on one index: refuses while a live object remains. */
    DELETE_BUCKET("delete-bucket");

    private final String file;
    private final byte[] body;
    private final String sha;

    Script(String name) {
        this.file = name + ".lua";
        this.body = read(file);
        this.sha = sha1Hex(body);
    }

    /** The resource's name, e.g. {@code index.lua}. */
    String file() {
        return file;
    }

    /** The script's text, as sent by SCRIPT LOAD and EVAL. */
    byte[] body() {
        return body.clone();
    }

    /** The SHA-1 of the text in hex: the name EVALSHA calls the script by. */
    String sha() {
        return sha;
    }

    /**
     * SCRIPT LOAD of every script, once at open: from then on a script is sent as its 40-character SHA-1. On a cluster
     * connection SCRIPT LOAD goes to every node.
     */
    static void loadAll(Function<byte[], String> scriptLoad) {
        for (Script script : values()) {
            String loaded = scriptLoad.apply(script.body);
            if (!loaded.equals(script.sha)) {
                throw new IllegalStateException(
                        "Redis gave " + script.file + " the SHA-1 " + loaded + ", expected " + script.sha);
            }
        }
    }

    /**
     * EVALSHA, or EVAL when the server has forgotten the script (a restart, SCRIPT FLUSH, or on a cluster a replica
     * promoted since the scripts were loaded); EVAL caches it again. On a cluster connection both go to the master of
     * KEYS[1]'s slot.
     */
    <T> CompletableFuture<T> eval(
            RedisClusterAsyncCommands<byte[], byte[]> commands,
            ScriptOutputType type,
            byte[][] keys,
            byte[]... arguments) {
        return commands.<T>evalsha(sha, type, keys, arguments)
                .toCompletableFuture()
                .exceptionallyCompose(failure -> Causes.root(failure) instanceof RedisNoScriptException
                        ? commands.<T>eval(body, type, keys, arguments).toCompletableFuture()
                        : CompletableFuture.failedFuture(failure));
    }

    private static byte[] read(String file) {
        try (InputStream in = Script.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the script " + file + " is missing beside " + Script.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the script " + file, e);
        }
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
