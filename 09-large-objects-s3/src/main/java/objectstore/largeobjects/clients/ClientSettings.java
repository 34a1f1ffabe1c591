package objectstore.largeobjects.clients;

import objectstore.connection.Target;

/**
 * What every client is opened with in its JVM: where the store is and as whom, and the part size and parts in flight
 * the run asks for (null: the client's own default).
 *
 * @param onS3Proxy the store is S3Proxy, where a client must keep off what S3Proxy 4.0 does not do (see {@link Client})
 */
public record ClientSettings(Target target, Long partSize, Integer parallel, boolean onS3Proxy) {}
