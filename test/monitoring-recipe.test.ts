import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PROJECT_ROOT } from './support/paths';

/**
 * docs/monitoring is the recipe operators paste (docs/operations.md, section 7). An event
 * renamed in the code, or a label the line no longer carries, would leave its alert silent
 * without any error: these keep the files and the code in step.
 */
const MONITORING = join(PROJECT_ROOT, 'docs', 'monitoring');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every event the service logs, with the source of the file that logs it. */
function loggedEvents(): Map<string, string> {
  const events = new Map<string, string>();
  for (const file of sourceFiles(join(PROJECT_ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/event: '(\w+)'|_EVENT = '(\w+)'/g))
      events.set(match[1] ?? match[2] ?? '', text);
  }
  return events;
}

interface MetricFile {
  readonly name: string;
  readonly event: string;
  readonly labels: Map<string, string>;
}

function metricFiles(): MetricFile[] {
  const dir = join(MONITORING, 'metrics');
  return readdirSync(dir).map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const event = /jsonPayload\.event="(\w+)"/.exec(text)?.[1] ?? '';
    const labels = new Map(
      [...text.matchAll(/^\s+(\w+): EXTRACT\(jsonPayload\.(\w+)\)$/gm)].map(
        (m) => [m[1] ?? '', m[2] ?? ''] as const,
      ),
    );
    assert.match(text, /resource\.labels\.service_name="prediction-coordinator"/, file);
    return { name: file.replace(/\.yaml$/, ''), event, labels };
  });
}

/**
 * The log-based metric and grouping labels of every chart or condition of a policy or
 * dashboard: each object whose `filter` names a metric, with the `groupByFields` of its
 * aggregation(s).
 */
function references(node: unknown): { metric: string; labels: string[] }[] {
  if (Array.isArray(node)) return node.flatMap(references);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const nested = Object.values(record).flatMap(references);
  const metric = /logging\.googleapis\.com\/user\/(\w+)/.exec(
    typeof record.filter === 'string' ? record.filter : '',
  )?.[1];
  if (!metric) return nested;
  const aggregations = [record.aggregation, record.aggregations].flat();
  const labels = aggregations.flatMap((a) =>
    ((a as { groupByFields?: string[] } | undefined)?.groupByFields ?? []).map((f) =>
      f.replace(/^metric\.label\./, ''),
    ),
  );
  return [{ metric, labels }, ...nested];
}

describe('the monitoring recipe (docs/monitoring) and the code', () => {
  const events = loggedEvents();
  const metrics = metricFiles();

  it('has a log-based metric for every event the service logs, and no metric for an event it does not', () => {
    assert.deepEqual(
      metrics.map((m) => m.event).sort(),
      [...events.keys()].sort(),
      'jsonPayload.event of docs/monitoring/metrics/*.yaml',
    );
  });

  it("labels each metric from fields the event's line carries", () => {
    for (const metric of metrics) {
      const source = events.get(metric.event) ?? '';
      for (const field of metric.labels.values())
        assert.match(source, new RegExp(`\\b${field}\\b`), `${metric.name}: ${field}`);
    }
  });

  it('alerts on each metric, and the policies and the dashboard name only metrics and labels that exist', () => {
    const byName = new Map(metrics.map((m) => [m.name, m]));
    const alerted = new Set<string>();
    const files = [
      ...readdirSync(join(MONITORING, 'alerts')).map((f) => join(MONITORING, 'alerts', f)),
      join(MONITORING, 'dashboard.json'),
    ];
    for (const file of files) {
      const found = references(JSON.parse(readFileSync(file, 'utf8')));
      assert.ok(found.length > 0, `${file} names no log-based metric`);
      for (const { metric, labels } of found) {
        const defined = byName.get(metric);
        assert.ok(defined, `${file} names ${metric}, which docs/monitoring/metrics lacks`);
        assert.equal(labels.length, 1, `${file}: ${metric} grouped by one label`);
        for (const label of labels)
          assert.ok(defined.labels.has(label), `${file}: ${metric} has no label ${label}`);
        if (file.includes('alerts')) alerted.add(metric);
      }
    }
    assert.deepEqual([...alerted].sort(), [...byName.keys()].sort());
  });
});
