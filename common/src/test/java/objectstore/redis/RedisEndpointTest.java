package objectstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {

    @Test
    void readsPasswordDatabaseAndTimeToLive() {
        RedisEndpoint endpoint = RedisEndpoint.parse(URI.create("redis://:s3cr%40t@cache.example:6380/2?ttl=30"));

        assertThat(endpoint.host()).isEqualTo("cache.example");
        assertThat(endpoint.port()).isEqualTo(6380);
        assertThat(endpoint.database()).isEqualTo(2);
        assertThat(endpoint.user()).isNull();
        assertThat(endpoint.password()).isEqualTo("s3cr@t");
        assertThat(endpoint.timeToLive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(endpoint.printable()).isEqualTo("redis://cache.example:6380/2");
        assertThat(endpoint.toString()).doesNotContain("s3cr");
    }

    @Test
    void defaultsToPort6379NoPasswordAndNoTimeToLive() {
        RedisEndpoint endpoint = RedisEndpoint.parse(URI.create("rediss://user:pw@127.0.0.1"));

        assertThat(endpoint.tls()).isTrue();
        assertThat(endpoint.port()).isEqualTo(6379);
        assertThat(endpoint.user()).isEqualTo("user");
        assertThat(endpoint.timeToLive()).isNull();
        assertThat(endpoint.printable()).isEqualTo("rediss://127.0.0.1:6379");
        assertThat(RedisEndpoint.parse(URI.create("redis://localhost")).password())
                .isNull();
    }

    @Test
    void rejectsOtherSchemesUnknownParametersAndBadTimesToLive() {
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("http://:pw@localhost:9000")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("expected redis://")
                .hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?timeout=5")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unknown parameter timeout");
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?ttl=0")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?ttl=soon")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("whole number");
    }

    /* ?wait=N: a PUT is acknowledged once N replicas have it (WAIT after each PUT); with the time to live or alone. */
    @Test
    void waitNamesTheReplicasAPutWaitsFor() {
        assertThat(RedisEndpoint.parse(URI.create("redis://localhost")).waitReplicas())
                .isZero();
        assertThat(RedisEndpoint.parse(URI.create("redis://localhost?wait=1")).waitReplicas())
                .isEqualTo(1);
        RedisEndpoint both = RedisEndpoint.parse(URI.create("redis://localhost?ttl=30&wait=2"));
        assertThat(both.waitReplicas()).isEqualTo(2);
        assertThat(both.timeToLive()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?wait=all")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("number of replicas");
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?wait=-1")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("0 to 16");
    }

    /* proto-max-bulk-len=BYTES: the limit on one value, for a server that will not say (CONFIG GET refused). */
    @Test
    void protoMaxBulkLenNamesTheServersLimitInBytes() {
        assertThat(RedisEndpoint.parse(URI.create("redis://localhost")).protoMaxBulkLen())
                .isZero();
        assertThat(RedisEndpoint.parse(URI.create("redis://localhost?proto-max-bulk-len=1048576"))
                        .protoMaxBulkLen())
                .isEqualTo(1_048_576);
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?proto-max-bulk-len=1mb")))
                .isInstanceOf(UserError.class)
                .hasMessage("proto-max-bulk-len must be a number of bytes, not 1mb");
        assertThatThrownBy(() -> RedisEndpoint.parse(URI.create("redis://localhost?proto-max-bulk-len=45")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("more than 45 bytes");
    }
}
