// Bundled into a test page (test/web/engine-browser.test.ts): the engine's line-break units, called from the test.
import { breakUnits } from '../../src/thai/linebreak.ts';

(globalThis as unknown as { breakUnits: typeof breakUnits }).breakUnits = breakUnits;
