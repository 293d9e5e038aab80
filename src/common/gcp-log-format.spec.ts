import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { gcpLogFormat } from './gcp-log-format';

function capture(projectId?: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const format = gcpLogFormat({
    serviceContext: { service: 'prediction-coordinator', version: 'rev-7' },
    projectId,
  });
  return { logger: pino({ level: 'debug', ...format }, sink), lines };
}

describe('gcpLogFormat: the lines Cloud Logging and Error Reporting read', () => {
  it('writes severity, message, a seconds-and-nanos timestamp and the service on every line', () => {
    const { logger, lines } = capture();
    const before = Date.now();
    logger.warn('stalled');
    logger.debug('detail');
    const [line, debug] = lines;
    assert.equal(line?.severity, 'WARNING');
    assert.equal(line?.message, 'stalled');
    assert.equal(debug?.severity, 'DEBUG');
    const { seconds, nanos } = line?.timestamp as { seconds: number; nanos: number };
    const at = seconds * 1000 + nanos / 1_000_000;
    assert.ok(at >= before && at <= Date.now() + 1, `timestamp ${at}`);
    assert.deepEqual(line?.serviceContext, { service: 'prediction-coordinator', version: 'rev-7' });
  });

  it('names the trace in the project, with its span and sampling, and drops the raw fields', () => {
    const { logger, lines } = capture('nba-props-prod');
    logger.info({ trace_id: 'a'.repeat(32), span_id: '000000000000004a', trace_flags: '01' }, 'x');
    logger.info({ trace_id: 'b'.repeat(32), trace_flags: '00' }, 'y');
    assert.equal(
      lines[0]?.['logging.googleapis.com/trace'],
      `projects/nba-props-prod/traces/${'a'.repeat(32)}`,
    );
    assert.equal(lines[0]?.['logging.googleapis.com/spanId'], '000000000000004a');
    assert.equal(lines[0]?.['logging.googleapis.com/trace_sampled'], true);
    assert.equal(lines[1]?.['logging.googleapis.com/trace_sampled'], undefined);
    for (const key of ['trace_id', 'span_id', 'trace_flags'])
      assert.equal(lines[0]?.[key], undefined);
    const bare = capture();
    bare.logger.info({ trace_id: 'c'.repeat(32) }, 'z');
    assert.equal(bare.lines[0]?.['logging.googleapis.com/trace'], 'c'.repeat(32));
  });

  it('puts an error stack in stack_trace, and orders lines of one millisecond by insertId', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('lock lost') }, 'consolidation failed');
    for (let i = 0; i < 40; i++) logger.info('tick');
    assert.match(String(lines[0]?.stack_trace), /^Error: lock lost\n\s+at /);
    const ids = lines.map((l) => String(l['logging.googleapis.com/insertId']));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });
});
