import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyFacts, errorFacts, toWarehouseError } from './bigquery-errors';

function apiError(code: number | undefined, reason: string, message: string) {
  return Object.assign(new Error(message), { code, errors: [{ reason, message }] });
}

describe('BigQuery error classification', () => {
  const cases: [string, unknown, string][] = [
    [
      '403 rateLimitExceeded',
      apiError(403, 'rateLimitExceeded', 'Exceeded rate limits: too many table update operations'),
      'rate_limited',
    ],
    ['429', apiError(429, 'rateLimitExceeded', 'Too many requests'), 'rate_limited'],
    [
      'DML queue full',
      apiError(
        400,
        'quotaExceeded',
        'Resources exceeded: Too many DML statements outstanding against table t, limit is 20',
      ),
      'rate_limited',
    ],
    [
      'concurrent update',
      apiError(
        400,
        'invalidQuery',
        'Could not serialize access to table t due to concurrent update',
      ),
      'conflict',
    ],
    [
      'transaction aborted',
      apiError(
        undefined,
        'invalidQuery',
        'Transaction is aborted due to concurrent update against table t',
      ),
      'conflict',
    ],
    ['503', apiError(503, 'backendError', 'Service unavailable'), 'unavailable'],
    ['500 internalError', apiError(500, 'internalError', 'Internal error'), 'unavailable'],
    [
      'socket reset',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      'unavailable',
    ],
    ['invalid query', apiError(400, 'invalidQuery', 'Unrecognized name: x'), 'invalid'],
    [
      'byte cap',
      apiError(400, 'bytesBilledLimitExceeded', 'Query exceeded limit for bytes billed'),
      'invalid',
    ],
    ['not found', apiError(404, 'notFound', 'Not found: Table p:d.t'), 'invalid'],
    ['access denied', apiError(403, 'accessDenied', 'Access Denied: Project p'), 'other'],
    [
      'quota',
      apiError(
        403,
        'quotaExceeded',
        'Quota exceeded: Your project exceeded quota for free query bytes scanned',
      ),
      'other',
    ],
  ];
  for (const [name, error, kind] of cases) {
    it(`${name} is ${kind}`, () => assert.equal(classifyFacts(errorFacts(error)), kind));
  }

  it('reads insertAll partial failures one level down', () => {
    const partial = {
      name: 'PartialFailureError',
      errors: [{ row: {}, errors: [{ reason: 'invalid', message: 'no such field: x' }] }],
    };
    assert.equal(toWarehouseError(partial, 'append').kind, 'invalid');
    assert.match(toWarehouseError(partial, 'append').message, /no such field: x/);
  });
});
