package objectstore.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import objectstore.harness.RunResult;
import objectstore.provisioning.StoreInfo;

/**
 * What every table and chart must say about the runs it shows: the stores and their backends, the machine (cores, JVM)
 * and the date. Read from the results JSON, never from the machine drawing the chart.
 */
record Facts(List<String> stores, String machine, String date) {

    static Facts of(List<Outcome> outcomes) {
        List<RunResult> results =
                outcomes.stream().map(Outcome::result).filter(Objects::nonNull).toList();
        if (results.isEmpty()) {
            return new Facts(
                    List.of("no store (no experiment ran)"),
                    "unknown machine (no experiment ran)",
                    "no date (no experiment ran)");
        }
        Set<String> stores = new LinkedHashSet<>();
        Set<String> machines = new LinkedHashSet<>();
        Set<String> days = new TreeSet<>();
        for (RunResult r : results) {
            stores.add(store(r.store()));
            machines.add(r.machine().cores() + " cores, " + r.machine().jvm() + ", "
                    + r.machine().os());
            days.add(r.date().length() >= 10 ? r.date().substring(0, 10) : r.date());
        }
        String date = days.size() == 1
                ? days.iterator().next()
                : ((TreeSet<String>) days).first() + " to " + ((TreeSet<String>) days).last();
        return new Facts(List.copyOf(stores), String.join("; ", machines), date);
    }

    /** E.g. {@code embedded S3Proxy 4.0.0 (in-memory)}; the endpoint is left out, its port changes every run. */
    static String store(StoreInfo store) {
        return store.kind() + " " + store.product() + (store.backend() == null ? "" : " (" + store.backend() + ")");
    }

    /** One line for a chart's subtitle. */
    String line() {
        return String.join(" · ", stores) + " | " + machine + " | " + date;
    }
}
