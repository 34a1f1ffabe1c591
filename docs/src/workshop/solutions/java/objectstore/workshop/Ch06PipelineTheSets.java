package objectstore.workshop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import objectstore.harness.TestObject;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** The solution: a pipeline, synced once per batch, every reply checked after the sync; chapter 06's form. */
public final class Ch06PipelineTheSets {

    public static void putAll(UnifiedJedis redis, String prefix, List<TestObject> objects, int batch) {
        try (AbstractPipeline pipeline = redis.pipelined()) {
            for (int from = 0; from < objects.size(); from += batch) {
                List<TestObject> some = objects.subList(from, Math.min(objects.size(), from + batch));
                List<Response<String>> replies = new ArrayList<>(some.size());
                for (TestObject o : some) {
                    replies.add(pipeline.set((prefix + o.key()).getBytes(StandardCharsets.UTF_8), o.data()));
                }
                pipeline.sync();
                for (int i = 0; i < some.size(); i++) {
                    if (!"OK".equals(replies.get(i).get())) {
                        throw new IllegalStateException("SET " + some.get(i).key() + " was answered "
                                + replies.get(i).get());
                    }
                }
            }
        }
    }

    private Ch06PipelineTheSets() {}
}
