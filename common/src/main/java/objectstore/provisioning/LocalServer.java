package objectstore.provisioning;

import java.util.List;

/** A store this run started on this machine: its processes, so a run can say how much CPU the store used. */
public interface LocalServer {

    /** The ids of the store's processes (a wrapper shell and the server under it, say). */
    List<Long> pids();
}
