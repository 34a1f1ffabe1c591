package objectstore.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockProfileTest {

    private static final Instant T0 = Instant.parse("2026-11-29T06:00:00Z");
    private static final PhaseWindows WINDOW =
            new PhaseWindows(List.of(new PhaseWindows.Window("put_object", T0, T0.plusMillis(100))));

    private static final List<String> IDLE_WORKER = List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
            "java.util.concurrent.ForkJoinPool.unmanagedBlock",
            "java.util.concurrent.ForkJoinPool.managedBlock",
            "java.util.concurrent.LinkedBlockingQueue.take",
            "java.util.concurrent.ThreadPoolExecutor.getTask",
            "java.lang.Thread.run");

    private static final List<String> POOL_WAIT = List.of(
            "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.LockSupport.park",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
            "org.apache.http.pool.AbstractConnPool.getPoolEntryBlocking",
            "org.apache.http.pool.AbstractConnPool.lease");

    @Test
    void aWaitIsReportedPastTheJdksParkMachinery() {
        assertThat(LockProfile.where(IDLE_WORKER)).isEqualTo("java.util.concurrent.LinkedBlockingQueue.take");
        assertThat(LockProfile.where(POOL_WAIT))
                .isEqualTo("org.apache.http.pool.AbstractConnPool.getPoolEntryBlocking");
        assertThat(LockProfile.where(List.of(
                        "jdk.internal.misc.Unsafe.park",
                        "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.FutureTask.awaitDone",
                        "java.util.concurrent.FutureTask.get",
                        "objectstore.threadpool.ThreadPoolS3PutGet.submitAllThenWait")))
                .isEqualTo("java.util.concurrent.FutureTask.awaitDone"
                        + " <- objectstore.threadpool.ThreadPoolS3PutGet.submitAllThenWait");
        assertThat(LockProfile.where(List.of())).isEqualTo("(no stack)");
    }

    @Test
    void aWaitCountsInItsPhaseUpToThePhasesEnd() {
        LockProfile locks = new LockProfile(WINDOW);
        locks.park(
                T0.plusMillis(10),
                Duration.ofMillis(20),
                "java.util.concurrent.locks.ReentrantLock$NonfairSync",
                POOL_WAIT);
        // Parked at 90 ms for 5 s: an idle worker sleeping into the next phase adds only its last 10 ms here.
        locks.park(
                T0.plusMillis(90),
                Duration.ofSeconds(5),
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
                IDLE_WORKER);
        // Before the window (the warm-up): outside every phase, in full.
        locks.park(
                T0.minusMillis(500),
                Duration.ofMillis(300),
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
                IDLE_WORKER);
        locks.monitorEnter(
                T0.plusMillis(50),
                Duration.ofMillis(4),
                "java.lang.Object",
                List.of(
                        "software.amazon.awssdk.utils.cache.bounded.BoundedCache.get",
                        "software.amazon.awssdk.services.s3.DefaultS3Client.putObject"));

        ProfileRecord.Locks phase = locks.phase(0, 1_000);
        assertThat(phase.threadPark().count()).isEqualTo(2);
        assertThat(phase.threadPark().totalMs()).isEqualTo(30.0);
        assertThat(phase.threadPark().perOperation()).isEqualTo(0.002);
        assertThat(phase.threadPark().threadsWaiting()).isEqualTo(0.3);
        assertThat(phase.threadPark().top())
                .extracting(ProfileRecord.Top::waitedOn)
                .containsExactly(
                        "java.util.concurrent.locks.ReentrantLock$NonfairSync",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject");
        assertThat(phase.monitorEnter().top())
                .containsExactly(new ProfileRecord.Top(
                        "java.lang.Object",
                        1,
                        4.0,
                        "software.amazon.awssdk.utils.cache.bounded.BoundedCache.get",
                        null,
                        1.0));

        ProfileRecord.Locks outside = locks.outside();
        assertThat(outside.threadPark().count()).isEqualTo(1);
        assertThat(outside.threadPark().totalMs()).isEqualTo(300.0);
        assertThat(outside.threadPark().perOperation()).isNull();
        assertThat(outside.monitorEnter().count()).isZero();
    }

    @Test
    void aPhaseListsAtMostFiveClassesLongestFirst() {
        LockProfile locks = new LockProfile(WINDOW);
        for (int i = 1; i <= 7; i++) {
            locks.park(T0, Duration.ofMillis(i), "Blocker" + i, POOL_WAIT);
        }
        locks.park(T0, Duration.ofMillis(1), null, POOL_WAIT);
        ProfileRecord.Waits parks = locks.phase(0, 8).threadPark();
        assertThat(parks.count()).isEqualTo(8);
        assertThat(parks.top())
                .extracting(ProfileRecord.Top::waitedOn)
                .containsExactly("Blocker7", "Blocker6", "Blocker5", "Blocker4", "Blocker3");
    }
}
