import type { JobKey, SqlParam, Statement } from '../../sql/statement';
import type { TransactionStep } from '../../warehouse-client';

/** What a failed check raises; the client turns it back into a 'check_failed' error. */
export const CHECK_FAILED_PREFIX = 'coordinator check failed: ';
const PROBLEM = 'coordinator_problem';

/**
 * A transaction as one BigQuery script (one job): BEGIN TRANSACTION, the steps, COMMIT.
 * A check that fails RAISEs; an error inside a transaction with no exception handler fails
 * the script and BigQuery rolls the transaction back, so nothing it wrote is committed.
 * `@@row_count` is the number of rows the previous DML statement changed. Each step's
 * parameters are renamed `s<step>_<name>`: the script shares one parameter namespace.
 */
export function transactionScript(steps: readonly TransactionStep[], job: JobKey): Statement {
  const params: Record<string, SqlParam> = {};
  const lines: string[] = [];
  if (steps.some((s) => s.kind === 'check')) lines.push(`DECLARE ${PROBLEM} STRING;`);
  lines.push('BEGIN TRANSACTION;');
  steps.forEach((step, i) => {
    const sql = renameParams(step.statement, `s${i}_`, params);
    if (step.kind === 'check') {
      lines.push(`SET ${PROBLEM} = (SELECT problem FROM (${sql}) LIMIT 1);`);
      lines.push(raiseIf(`${PROBLEM} IS NOT NULL`, step.check, PROBLEM));
      return;
    }
    lines.push(`${sql};`);
    const expected = step.expectChanged;
    if (expected === undefined) return;
    const wanted = expected === 'some' ? 'at least 1' : String(expected);
    const detail = `CONCAT('changed ', CAST(@@row_count AS STRING), ' row(s) where ${wanted} were expected')`;
    const failed = expected === 'some' ? '@@row_count = 0' : `@@row_count <> ${expected}`;
    lines.push(raiseIf(failed, step.check ?? 'changed_rows', detail));
  });
  lines.push('COMMIT TRANSACTION;');
  return { sql: lines.join('\n'), params, job, costly: steps.some((s) => s.statement.costly) };
}

function raiseIf(condition: string, check: string, detail: string): string {
  if (!/^\w+$/.test(check)) throw new Error(`check names are words: ${check}`);
  return `IF ${condition} THEN RAISE USING MESSAGE = CONCAT('${CHECK_FAILED_PREFIX}${check}: ', ${detail}); END IF;`;
}

/** `@name` -> `@<prefix>name` for the statement's own parameters (never `@@system` variables). */
function renameParams(
  statement: Statement,
  prefix: string,
  into: Record<string, SqlParam>,
): string {
  const own = new Set(Object.keys(statement.params));
  for (const [name, param] of Object.entries(statement.params)) into[prefix + name] = param;
  return statement.sql.replace(/(?<![@\w])@([A-Za-z_]\w*)/g, (whole, name: string) =>
    own.has(name) ? `@${prefix}${name}` : whole,
  );
}

/** The check a failed script's message names, and its detail; undefined for other failures. */
export function failedCheck(message: string): { check: string; detail: string } | undefined {
  const at = message.indexOf(CHECK_FAILED_PREFIX);
  if (at < 0) return undefined;
  const match = /^(\w+): ([^;]*)/.exec(message.slice(at + CHECK_FAILED_PREFIX.length));
  return match ? { check: match[1] ?? '', detail: match[2] ?? '' } : undefined;
}
