package objectstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S3's bucket rule against IP addresses: four dotted groups of digits are refused, anything else is not. */
class S3NamesTest {

    @Test
    void aNameThatLooksLikeAnIpAddressIsRefused() {
        for (String address : new String[] {"192.168.1.1", "0.0.0.0", "999.999.999.999", "1.22.333.4"}) {
            assertThat(S3Names.bucketProblem(address)).as(address).contains("IP address");
        }
    }

    @Test
    void digitsAndDotsInOtherShapesAreNames() {
        for (String name :
                new String[] {"1.2.3", "1.2.3.4.5", "1234.1.1.1", "1.2.3.4a", "a1.2.3.4", "10.0.0-1", "123"}) {
            assertThat(S3Names.bucketProblem(name)).as(name).isNull();
        }
    }
}
