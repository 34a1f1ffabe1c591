package objectstore.provisioning;

import java.net.URI;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Removes a run's plain Redis keys ({@code bucket/...}) with SCAN and UNLINK, a page at a time. */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Deletes every key that starts with {@code prefix}; returns how many. */
    public static long purge(URI redis, String prefix) {
        RedisClient client = RedisClient.create(redis.toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000);
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = commands.scan(cursor, match);
                List<String> keys = page.getKeys();
                if (!keys.isEmpty()) {
                    deleted += commands.unlink(keys.toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown();
        }
    }

    /** Escapes the characters SCAN MATCH treats as a pattern ({@code * ? [ ] \}) so they match themselves. */
    public static String escapeGlob(String literal) {
        StringBuilder escaped = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
