import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Figure {
  readonly key: string;
  readonly name: string;
  /** The measured ratio (or figure), with its spread where it has one. */
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
  /** The 1-minute load average when the figure started and ended. */
  readonly load: string;
  readonly at?: string;
  /** Figure 6: the per-day curve. */
  readonly series?: readonly { day: number; peakMb: number; rssMb: number }[];
}

const ORDER = ['1', '1b', '2', '3', '4', '5', '6', '6b', '7', '8'];

export function saveFigure(dir: string, figure: Figure): void {
  writeFileSync(join(dir, `${figure.key}.json`), JSON.stringify(figure, null, 2));
}

function loadFigures(dir: string): Figure[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Figure)
    .sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
}

/** docs/benchmarks.md from the latest result of each figure. */
export function writeReport(
  dir: string,
  settings: { seconds: number; reps: number; historyDays: number; memoryDays: number },
): void {
  const figures = loadFigures(dir);
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${f.value} | ${f.target} | ${f.met ? 'met' : '**missed**'} | ${f.detail} | ${f.load}${f.at ? ` (${f.at.slice(0, 16).replace('T', ' ')} UTC)` : ''} |`,
  );
  const curve = figures.find((f) => f.key === '6')?.series ?? [];
  const chart = curve.map((d) => {
    const bar = '#'.repeat(Math.round(d.peakMb / 10));
    return `| ${d.day} | ${d.peakMb.toFixed(0)} | ${d.rssMb.toFixed(0)} | \`${bar}\` |`;
  });
  const text = `# Benchmarks

Written by \`npm run bench\` (${process.platform}, Node ${process.version}, BENCH_SECONDS=${settings.seconds}, BENCH_REPS=${settings.reps}, BENCH_HISTORY_DAYS=${settings.historyDays}, BENCH_DAYS=${settings.memoryDays}).
Every figure is a ratio of two measurements taken side by side in the same run on the same
machine, or a bound on one process; absolute times are shown for context only and are not
comparable across runs. A value with a spread reads "median (lowest-highest, runs)". The
last column is the machine's 1-minute load average when the figure started and ended (2
cores, shared with other work). How each is measured, and why a target is missed:
[benchmarks-notes.md](benchmarks-notes.md).

| figure | value | target | | measured | load |
|---|---|---|---|---|---|
${rows.join('\n')}
${
  chart.length > 0
    ? `
## Figure 6: memory per simulated day (DuckDB)

Each day's peak resident set (VmHWM, reset as the day starts) and the resident set once
the day is consolidated, in MB.

| day | peak | after | peak, 10 MB a mark |
|---|---|---|---|
${chart.join('\n')}
`
    : ''
}`;
  writeFileSync(join(__dirname, '..', '..', 'docs', 'benchmarks.md'), text);
  process.stdout.write('wrote docs/benchmarks.md\n');
}
