package objectstore.store;

import java.util.List;

/** One page of ListObjectsV2; {@code nextContinuationToken} is null on the last page. */
public record ListPage(List<ObjectInfo> objects, String nextContinuationToken) {

    /** True when another page follows. */
    public boolean truncated() {
        return nextContinuationToken != null;
    }
}
