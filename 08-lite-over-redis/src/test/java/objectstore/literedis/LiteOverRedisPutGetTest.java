package objectstore.literedis;

import org.junit.jupiter.api.Tag;

import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;

@Tag("redis")
class LiteOverRedisPutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return LiteOverRedisPutGet.CHAPTER;
    }
}
