package objectstore.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The permit queue: at most its permits' worth running, the rest waiting in order; permits added and taken away. */
class PermitsTest {

    @Test
    void requestsBeyondThePermitsWaitAndRunInOrderAsPermitsComeBack() {
        Permits permits = new Permits(2);
        List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            permits.submit(() -> ran.add(n));
        }
        assertThat(ran).containsExactly(0, 1);
        permits.release();
        assertThat(ran).containsExactly(0, 1, 2);
        permits.release();
        assertThat(ran).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aReleaseWithoutARequestAddsAPermitAndShrinkTakesOneAway() {
        Permits permits = new Permits(1);
        List<Integer> ran = new ArrayList<>();
        permits.submit(() -> ran.add(0));
        permits.submit(() -> ran.add(1));
        permits.submit(() -> ran.add(2));
        assertThat(ran).containsExactly(0);

        permits.release(); // a permit more: the next waiting request runs
        assertThat(ran).containsExactly(0, 1);

        permits.shrink(); // none is free: the next release is kept
        permits.release();
        assertThat(ran).containsExactly(0, 1);
        permits.release();
        assertThat(ran).containsExactly(0, 1, 2);

        permits.shrink(); // one is free: taken at once
        permits.submit(() -> ran.add(3));
        assertThat(ran).containsExactly(0, 1, 2);
    }
}
