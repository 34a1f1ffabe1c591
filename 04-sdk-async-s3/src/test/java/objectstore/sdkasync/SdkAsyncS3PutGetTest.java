package objectstore.sdkasync;

import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;

class SdkAsyncS3PutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return SdkAsyncS3PutGet.CHAPTER;
    }
}
