/**
 * Test only, preloaded into the production process with `node -r <this file>`: makes the
 * staging input plugin's refusal fail with an unexpected error, as a bug or a failing
 * dependency would outside any resolver, so a test can see how a 500 is answered and logged.
 *
 *   FAIL_STAGING_REFUSAL=<message>   the error's message (what must not reach the client)
 */
import { StagingService } from '../../src/predictions/staging.service';

const message = process.env.FAIL_STAGING_REFUSAL;
if (message) {
  Reflect.set(StagingService.prototype, 'refusalOfUncoerced', () =>
    Promise.reject(new Error(message)),
  );
}
