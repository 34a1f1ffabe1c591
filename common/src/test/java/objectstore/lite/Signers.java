package objectstore.lite;

import objectstore.connection.Credentials;

/** The two SigV4 signers, for the tests that must hold for both: the reference, and the fast one the client uses. */
enum Signers {
    REFERENCE {
        @Override
        SigV4 create(Credentials credentials, String region, String service) {
            return new SigV4Reference(credentials, region, service);
        }
    },
    FAST {
        @Override
        SigV4 create(Credentials credentials, String region, String service) {
            return new SigV4Signer(credentials, region, service);
        }
    };

    /** A signer of this kind for these credentials, region and service. */
    abstract SigV4 create(Credentials credentials, String region, String service);
}
