package objectstore.lite;

import objectstore.connection.Credentials;

/** The SigV4 signers, for the tests that must hold for each: the fast one the client uses. */
enum Signers {

    FAST {
        @Override
        SigV4 create(Credentials credentials, String region, String service) {
            return new SigV4Signer(credentials, region, service);
        }
    };

    /** A signer of this kind for these credentials, region and service. */
    abstract SigV4 create(Credentials credentials, String region, String service);
}
