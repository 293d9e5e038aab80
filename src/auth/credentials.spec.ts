import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presentedCredential } from './credentials';

describe('presentedCredential', () => {
  it('reads X-API-Key, and prefers it to Authorization when both are sent', () => {
    assert.deepEqual(presentedCredential({ 'x-api-key': ' k1 ' }), {
      kind: 'api-key',
      value: 'k1',
    });
    assert.deepEqual(presentedCredential({ 'x-api-key': 'k1', authorization: 'Bearer t' }), {
      kind: 'api-key',
      value: 'k1',
    });
  });

  it('reads a bearer token whatever the case of the scheme', () => {
    assert.deepEqual(presentedCredential({ authorization: 'Bearer abc.def.ghi' }), {
      kind: 'bearer',
      value: 'abc.def.ghi',
    });
    assert.deepEqual(presentedCredential({ authorization: 'bearer k1' }), {
      kind: 'bearer',
      value: 'k1',
    });
  });

  it('calls another scheme or a token with spaces malformed, and no header none', () => {
    assert.equal(presentedCredential({ authorization: 'Basic dTpw' }).kind, 'malformed');
    assert.equal(presentedCredential({ authorization: 'Bearer a b' }).kind, 'malformed');
    assert.equal(presentedCredential({ authorization: 'Bearer' }).kind, 'malformed');
    assert.equal(presentedCredential({}).kind, 'none');
    assert.equal(presentedCredential({ 'x-api-key': '' }).kind, 'none');
  });
});
