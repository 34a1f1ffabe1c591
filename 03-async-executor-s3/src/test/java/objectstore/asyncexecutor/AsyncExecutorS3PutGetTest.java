package objectstore.asyncexecutor;

import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;

class AsyncExecutorS3PutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return AsyncExecutorS3PutGet.CHAPTER;
    }
}
