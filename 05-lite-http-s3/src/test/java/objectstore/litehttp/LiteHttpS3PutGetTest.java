package objectstore.litehttp;

import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;

class LiteHttpS3PutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return LiteHttpS3PutGet.CHAPTER;
    }
}
