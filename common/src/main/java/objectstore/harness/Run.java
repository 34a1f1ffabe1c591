package objectstore.harness;

import java.io.PrintStream;
import java.util.List;
import objectstore.connection.Target;
import objectstore.provisioning.StoreInfo;
import objectstore.provisioning.StoreSession;
import objectstore.store.ObjectStore;
import objectstore.store.UserError;

/** What a chapter's code is given: its options, its store, its bucket, and the harness. */
public final class Run {

    private final Options options;
    private final StoreSession session;
    private final PrintStream out;
    private final StartGate gate;

    Run(Options options, StoreSession session, PrintStream out, StartGate gate) {
        this.options = options;
        this.session = session;
        this.out = out;
        this.gate = gate;
    }

    public Options options() {
        return options;
    }

    /** How many operations the chapter keeps in flight (--concurrency): its pool, its window, its connections. */
    public int concurrency() {
        return options.concurrency();
    }

    /** The store this run measures, as the results name it. */
    public StoreInfo store() {
        return session.info();
    }

    /**
     * Where the chapter's clients connect, and as whom: an S3 endpoint with credentials and region, or a Redis URI
     * (password included: never print it).
     */
    public Target target() {
        return session.target();
    }

    /** Where the run's progress and results are printed. */
    public PrintStream out() {
        return out;
    }

    /** The processes of the store when this run started it (to read their CPU time), else none. */
    public List<Long> serverPids() {
        return session.serverPids();
    }

    /** The bucket made for this run (on Redis with plain keys: the key prefix {@code bucket/}). */
    public String bucket() {
        return session.bucket();
    }

    /** Measures {@code phases} with the harness; {@code client} says what made the requests. */
    public RunResult measure(String client, List<Phase> phases) throws Exception {
        if (options.duration() > 0 || options.rate() > 0) {
            throw new UserError((options.duration() > 0 ? "--duration (a soak run)" : "--rate (an open-loop run)")
                    + " needs a chapter on the ObjectStore API: 04, 05 or 08");
        }
        out.println("client: " + client);
        return new Harness(options, store(), client, out, () -> 0, session::serverPids)
                .startingTogether(gate)
                .afterFirstPut(session::infoAfterPut)
                .measure(phases, session::emptyBucket);
    }

    /**
     * Measures {@code phases} made with {@code objectStore}, reporting its retries and the connections it opened per
     * phase. With {@code --duration} runs a soak on it instead (see {@link Soak}); with {@code --rate}, an open loop of
     * PUTs and GETs at that rate instead of the phases (see {@link OpenLoop}).
     */
    public RunResult measure(ObjectStore objectStore, List<Phase> phases) throws Exception {
        out.println("client: " + objectStore.description());
        Harness harness = new Harness(
                        options, store(), objectStore.description(), out, objectStore::retries, session::serverPids)
                .startingTogether(gate)
                .afterFirstPut(session::infoAfterPut)
                .countingConnections(objectStore::connectionsOpened);
        if (options.duration() > 0) {
            return harness.soak(objectStore, bucket(), session::emptyBucket);
        }
        List<Phase> measured =
                options.rate() > 0 ? OpenLoop.phases(objectStore, bucket(), options.rate(), concurrency()) : phases;
        return harness.measure(measured, session::emptyBucket);
    }
}
