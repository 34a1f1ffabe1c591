package objectstore.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The recorded test fixtures under src/test/resources/fixtures (made-up figures; see the README there). */
final class Fixtures {

    private Fixtures() {}

    static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 01, 04 (failed: 3 unverified gets), 05 and 06 as a suite would list them, plus 08 not run. */
    static List<Outcome> suite() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : List.of("01-blocking-s3", "04-sdk-async-s3", "05-lite-http-s3", "06-blocking-redis")) {
            outcomes.add(Outcome.read(file(name + ".json")));
        }
        outcomes.add(Outcome.notRun("08-lite-over-redis", "its main class is not on the classpath"));
        return outcomes;
    }

    static List<ResultsTable.SweepPoint> sweep() throws Exception {
        List<ResultsTable.SweepPoint> points = new ArrayList<>();
        for (long c : List.of(1L, 10L, 100L)) {
            points.add(new ResultsTable.SweepPoint(
                    c, String.valueOf(c), Outcome.read(file("sweep-05-concurrency-" + c + ".json"))));
        }
        points.add(new ResultsTable.SweepPoint(
                1000, "1,000", Outcome.failed("05-lite-http-s3", null, "warm-up put_object had 12 errors")));
        return points;
    }
}
