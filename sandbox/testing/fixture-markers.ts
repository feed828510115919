// The files that say the suite's fixture is made (or why it is not): suite-setup.ts writes one of them when
// make-fixture.ts ends, file-setup.ts waits for one. Apart from suite.ts, which only a test worker may load.
import { join } from 'node:path';

export const fixtureDone = (fixture: string): string => join(fixture, '..', 'fixture.done');
export const fixtureFailed = (fixture: string): string => join(fixture, '..', 'fixture.failed');
