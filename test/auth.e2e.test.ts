import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GAME_DATE } from './support/builders';
import { LocalIdTokenIssuer } from './support/id-tokens';
import { codes, startTestApp, type GraphqlResponse, type TestApp } from './support/test-app';

const AUDIENCE = 'https://coordinator.example.run.app';
const SCHEDULER = 'scheduler@nba-props.iam.gserviceaccount.com';
const OLD_KEY = 'k-old-2f9c1e7a54b3d8e6';
const NEW_KEY = 'k-new-8a4d2c9e1f7b3a65';

const START = `mutation($input: StartBatchInput!) { startBatch(input: $input) { created batch { id expectedPlayers } } }`;
const BATCHES = `query { batches(first: 10) { id } }`;

describe('who may call: API keys and Google ID tokens', () => {
  let t: TestApp;
  const google = new LocalIdTokenIssuer();
  let date = 0;

  /** A startBatch for a fresh date each time, so every accepted call visibly creates a batch. */
  async function start(
    headers: Record<string, string>,
  ): Promise<GraphqlResponse<{ startBatch: { created: boolean } }>> {
    date += 1;
    const gameDate = new Date(Date.UTC(2026, 1, date)).toISOString().slice(0, 10);
    return t.gql(START, { input: { gameDate, players: ['lebronjames'] } }, headers);
  }

  function assertAccepted(response: GraphqlResponse<{ startBatch: { created: boolean } }>): void {
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
    assert.equal(response.data?.startBatch.created, true);
  }

  function assertRefused(
    response: GraphqlResponse<unknown>,
    code: 'UNAUTHENTICATED' | 'FORBIDDEN',
  ): void {
    assert.deepEqual(codes(response), [code], JSON.stringify(response));
    assert.equal(response.data, undefined, 'refused before GraphQL saw it: no data at all');
  }

  async function batchCount(): Promise<number> {
    const data = await t.gql<{ batches: unknown[] }>(BATCHES, {}, { 'x-api-key': NEW_KEY });
    return data.data?.batches.length ?? -1;
  }

  before(async () => {
    t = await startTestApp({
      idTokenKeys: google,
      env: {
        API_KEYS: `${OLD_KEY}, ${NEW_KEY}`,
        AUTH_AUDIENCE: AUDIENCE,
        AUTH_ALLOWED_EMAILS: SCHEDULER,
      },
    });
  });
  after(async () => t.close());

  it('refuses a mutation without a credential, saying how to send one, and writes nothing', async () => {
    const response = await start({});
    assertRefused(response, 'UNAUTHENTICATED');
    assert.match(response.errors?.[0]?.message ?? '', /X-API-Key.*Authorization: Bearer/);
    assert.equal(await batchCount(), 0);
  });

  it('answers a refusal with HTTP 401 (a scheduler judging by status sees the failure)', async () => {
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'not-a-key' },
      body: JSON.stringify({ query: 'mutation { checkStalledBatches { batchesChecked } }' }),
    });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    assert.equal(body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const ok = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': NEW_KEY },
      body: JSON.stringify({ query: 'mutation { checkStalledBatches { batchesChecked } }' }),
    });
    assert.equal(ok.status, 200);
  });

  it('refuses a query without a credential (AUTH_QUERIES defaults to true)', async () => {
    assertRefused(await t.gql(BATCHES), 'UNAUTHENTICATED');
  });

  it('accepts both keys of a rotation, in X-API-Key or as a bearer token', async () => {
    assertAccepted(await start({ 'x-api-key': OLD_KEY }));
    assertAccepted(await start({ 'x-api-key': NEW_KEY }));
    assertAccepted(await start({ authorization: `Bearer ${OLD_KEY}` }));
    assertAccepted(await start({ authorization: `bearer ${NEW_KEY}` }));
  });

  it('refuses a wrong key, a prefix of a key, a key with a suffix, both keys joined, or an empty key', async () => {
    const before = await batchCount();
    for (const wrong of [
      'k-new-8a4d2c9e1f7b3a66',
      NEW_KEY.slice(0, -1),
      `${NEW_KEY}0`,
      `${OLD_KEY},${NEW_KEY}`,
      ' ',
    ]) {
      assertRefused(await start({ 'x-api-key': wrong }), 'UNAUTHENTICATED');
      assertRefused(await start({ authorization: `Bearer ${wrong}` }), 'UNAUTHENTICATED');
    }
    assertRefused(
      await start({ authorization: `Basic ${Buffer.from(`u:${NEW_KEY}`).toString('base64')}` }),
      'UNAUTHENTICATED',
    );
    assert.equal(await batchCount(), before);
  });

  it('accepts a Google ID token for the audience from an allowed service account', async () => {
    const token = google.sign({ aud: AUDIENCE, email: SCHEDULER });
    assertAccepted(await start({ authorization: `Bearer ${token}` }));
    const query = await t.gql<{ batches: unknown[] }>(
      BATCHES,
      {},
      { authorization: `Bearer ${token}` },
    );
    assert.equal(query.errors, undefined);
  });

  it('answers FORBIDDEN to a valid token of an identity that is not allowed, or whose email is unverified', async () => {
    const stranger = google.sign({
      aud: AUDIENCE,
      email: 'intruder@other-project.iam.gserviceaccount.com',
    });
    assertRefused(await start({ authorization: `Bearer ${stranger}` }), 'FORBIDDEN');
    const unverified = google.sign({ aud: AUDIENCE, email: SCHEDULER, email_verified: false });
    assertRefused(await start({ authorization: `Bearer ${unverified}` }), 'FORBIDDEN');
    const noEmail = google.sign({ aud: AUDIENCE });
    assertRefused(await start({ authorization: `Bearer ${noEmail}` }), 'FORBIDDEN');
  });

  it('never trusts a bearer token unverified: wrong audience, issuer, expiry, key, signature or algorithm', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = google.sign({ aud: AUDIENCE, email: SCHEDULER });
    const [head, body] = valid.split('.');
    const otherKey = new LocalIdTokenIssuer();
    const claims = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tamperedBody = Buffer.from(
      JSON.stringify({ ...claims, aud: AUDIENCE, email: SCHEDULER, exp: now + 999 }),
    ).toString('base64url');
    const unsignedHead = Buffer.from(
      JSON.stringify({ alg: 'none', typ: 'JWT', kid: google.kid }),
    ).toString('base64url');
    const forged = {
      'another audience': google.sign({ aud: 'https://elsewhere.example', email: SCHEDULER }),
      'another issuer': google.sign({
        aud: AUDIENCE,
        email: SCHEDULER,
        iss: 'https://evil.example',
      }),
      expired: google.sign({ aud: AUDIENCE, email: SCHEDULER, iat: now - 7200, exp: now - 3600 }),
      'not yet valid': google.sign({
        aud: AUDIENCE,
        email: SCHEDULER,
        iat: now + 3600,
        exp: now + 7200,
      }),
      'signed by another key, same kid': otherKey.sign(
        { aud: AUDIENCE, email: SCHEDULER },
        { kid: google.kid },
      ),
      'unknown kid': otherKey.sign({ aud: AUDIENCE, email: SCHEDULER }),
      'payload changed after signing': `${head}.${tamperedBody}.${valid.split('.')[2]}`,
      'alg none, no signature': `${unsignedHead}.${body}.`,
      'signature stripped': `${head}.${body}.`,
      'not a JWT': 'definitely-not-a-token',
    };
    for (const [what, token] of Object.entries(forged)) {
      const response = await start({ authorization: `Bearer ${token}` });
      assert.deepEqual(
        codes(response),
        ['UNAUTHENTICATED'],
        `${what}: ${JSON.stringify(response)}`,
      );
      assert.ok(
        !JSON.stringify(response).includes(token.slice(0, 20)),
        `${what}: the token is not echoed`,
      );
    }
  });

  it('leaves the liveness and readiness probes open', async () => {
    assert.equal((await fetch(`${t.base}/healthz`)).status, 200);
    assert.equal((await fetch(`${t.base}/readyz`)).status, 200);
  });
});

describe('AUTH_QUERIES=false: reads open, writes still need a credential', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { API_KEYS: NEW_KEY, AUTH_QUERIES: 'false' } });
  });
  after(async () => t.close());

  it('answers a query without a credential and refuses a mutation', async () => {
    const query = await t.gql(BATCHES);
    assert.equal(query.errors, undefined, JSON.stringify(query.errors));
    const mutation = await t.gql(START, { input: { gameDate: GAME_DATE, players: ['a'] } });
    assert.deepEqual(codes(mutation), ['UNAUTHENTICATED']);
    const keyed = await t.gql(
      START,
      { input: { gameDate: GAME_DATE, players: ['a'] } },
      { 'x-api-key': NEW_KEY },
    );
    assert.equal(keyed.errors, undefined, JSON.stringify(keyed.errors));
  });
});

describe('auth off outside production with no credential configured', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('lets a newcomer call mutations without a credential', async () => {
    const response = await t.gql(START, { input: { gameDate: GAME_DATE, players: ['a'] } });
    assert.equal(response.errors, undefined, JSON.stringify(response.errors));
  });
});
