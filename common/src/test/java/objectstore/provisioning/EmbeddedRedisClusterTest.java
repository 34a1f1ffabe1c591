package objectstore.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Redis Cluster: formed with slots and replicas, a replica takes over from a killed master, nothing left
 * after close.
 */
@Tag("redis")
class EmbeddedRedisClusterTest {

    @TempDir
    Path temp;

    @Test
    void threeMastersWithAReplicaEachFormFailOverAndLeaveNothingBehind() throws Exception {
        List<Long> pids;
        Path workDir;
        List<Integer> ports;
        try (EmbeddedRedisCluster cluster =
                EmbeddedRedisCluster.start(temp, TestStores.redisServer(), 3, 1, Duration.ofSeconds(1))) {
            pids = cluster.pids();
            workDir = cluster.workDir();
            ports = java.util.stream.Stream.concat(cluster.masters().stream(), cluster.replicas().stream())
                    .map(EmbeddedRedis::port)
                    .toList();

            // Formed: every node says ok, three masters serve the slots, the endpoint hides the password.
            assertThat(cluster.product()).matches("Redis Cluster \\d+\\.\\d+\\.\\d+, 3 masters, 3 replicas");
            assertThat(cluster.endpoint()).doesNotContain(cluster.password());
            assertThat(pids).hasSizeGreaterThanOrEqualTo(12);
            for (int port : ports) {
                assertThat(clusterInfo(cluster, port))
                        .contains(
                                "cluster_state:ok",
                                "cluster_slots_ok:16384",
                                "cluster_known_nodes:6",
                                "cluster_size:3");
            }
            assertThat(masterPorts(cluster)).hasSize(3);

            // Killed with SIGKILL, the second master is replaced by its replica, and the cluster is whole again.
            EmbeddedRedis killed = cluster.masters().get(1);
            EmbeddedRedis replica = cluster.replicas().get(1);
            ProcessHandle.of(killed.serverPid()).orElseThrow().destroyForcibly();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(info(cluster, replica.port(), "replication").contains("role:master")
                    && clusterInfo(cluster, replica.port()).contains("cluster_state:ok")
                    && masterPorts(cluster).contains(replica.port()))) {
                assertThat(System.nanoTime())
                        .as("the replica took over within 30 s")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(masterPorts(cluster)).hasSize(3).doesNotContain(killed.port());
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process " + pid)
                    .isFalse();
        }
        for (int port : ports) {
            assertThat(ChildProcess.accepts(port)).isFalse();
        }
        assertThat(workDir).doesNotExist();
    }

    /** The ports of the masters serving slots, as the seed sees them (ports, not URIs: those carry the password). */
    private static List<Integer> masterPorts(EmbeddedRedisCluster cluster) {
        return RedisKeys.masters(cluster.uri()).stream()
                .map(java.net.URI::getPort)
                .toList();
    }

    private static String clusterInfo(EmbeddedRedisCluster cluster, int port) {
        return info(cluster, port, null);
    }

    /** CLUSTER INFO (section null) or INFO section, asked of one node. */
    private static String info(EmbeddedRedisCluster cluster, int port, String section) {
        RedisClient client = RedisClient.create("redis://:" + cluster.password() + "@127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return section == null
                    ? connection.sync().clusterInfo()
                    : connection.sync().info(section);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
