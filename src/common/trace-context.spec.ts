import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { traceContextOf, traceLogFields } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('traceContextOf', () => {
  it('reads a W3C traceparent: trace, span and the sampled flag', () => {
    assert.deepEqual(traceContextOf({ traceparent: `00-${TRACE}-00f067aa0ba902b7-01` }), {
      traceId: TRACE,
      spanId: '00f067aa0ba902b7',
      sampled: true,
    });
    assert.equal(
      traceContextOf({ traceparent: `00-${TRACE}-00f067aa0ba902b7-00` })?.sampled,
      false,
    );
  });

  it('reads X-Cloud-Trace-Context, turning its decimal span id into 16 hex digits', () => {
    assert.deepEqual(traceContextOf({ 'x-cloud-trace-context': `${TRACE}/74;o=1` }), {
      traceId: TRACE,
      spanId: '000000000000004a',
      sampled: true,
    });
    assert.deepEqual(
      traceContextOf({ 'x-cloud-trace-context': `${TRACE}/18446744073709551615` })?.spanId,
      'ffffffffffffffff',
    );
    assert.deepEqual(traceContextOf({ 'x-cloud-trace-context': TRACE }), {
      traceId: TRACE,
      sampled: false,
    });
  });

  it('prefers traceparent when both headers come', () => {
    const trace = traceContextOf({
      traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
      'x-cloud-trace-context': `${'1'.repeat(32)}/5;o=0`,
    });
    assert.equal(trace?.traceId, TRACE);
  });

  it('ignores what is not a trace: malformed, all zeros, a span id past 64 bits', () => {
    assert.equal(traceContextOf({ traceparent: 'not-a-trace' }), undefined);
    assert.equal(
      traceContextOf({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }),
      undefined,
    );
    assert.equal(traceContextOf({ 'x-cloud-trace-context': 'abc/1;o=1' }), undefined);
    assert.equal(
      traceContextOf({ 'x-cloud-trace-context': `${TRACE}/18446744073709551616;o=1` })?.spanId,
      undefined,
    );
    assert.equal(traceContextOf({}), undefined);
  });
});

describe('traceLogFields', () => {
  it('names the trace as OpenTelemetry does, for the GCP logging configuration', () => {
    assert.deepEqual(
      traceLogFields({ traceId: TRACE, spanId: '000000000000004a', sampled: true }),
      {
        trace_id: TRACE,
        span_id: '000000000000004a',
        trace_flags: '01',
      },
    );
    assert.deepEqual(traceLogFields(undefined), {});
  });
});
