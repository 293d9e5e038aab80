import { createHash } from 'node:crypto';
import fc from 'fast-check';

/**
 * Every root field of the schema once, each argument (and isStalled's) in a variable
 * declared with the argument's own type; a property varies the rest.
 */
export interface CatalogOperation {
  readonly kind: 'query' | 'mutation';
  /** Variable name to declared type. */
  readonly variables: Readonly<Record<string, string>>;
  readonly selection: string;
}

export const OPERATIONS: readonly CatalogOperation[] = [
  {
    kind: 'query',
    variables: { id: 'ID!', t: 'Int' },
    selection:
      'batch(id: $id) { id status completionPct isStalled(thresholdMinutes: $t) completions { playerLookup } }',
  },
  {
    kind: 'query',
    variables: { d: 'Date', s: 'BatchStatus', n: 'Int', after: 'String', t: 'Int' },
    selection:
      'batches(gameDate: $d, status: $s, first: $n, after: $after) { id isStalled(thresholdMinutes: $t) consolidations { id status error } }',
  },
  {
    kind: 'query',
    variables: { id: 'ID', d: 'Date', n: 'Int' },
    selection: 'consolidationRuns(batchId: $id, gameDate: $d, first: $n) { id status error }',
  },
  {
    kind: 'query',
    variables: { d: 'Date!', p: 'String', s: 'String', a: 'Boolean', n: 'Int', after: 'String' },
    selection:
      'predictions(gameDate: $d, playerLookup: $p, systemId: $s, activeOnly: $a, first: $n, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { predictionId keyFactors createdAt } } }',
  },
  {
    kind: 'query',
    variables: { d: 'Date!' },
    selection: 'predictionSummary(gameDate: $d) { predictions players duplicateKeys }',
  },
  {
    kind: 'query',
    variables: { d: 'Date!' },
    selection: 'coverage(gameDate: $d) { expectedPlayers missingPlayers }',
  },
  {
    kind: 'mutation',
    variables: { input: 'StartBatchInput!' },
    selection: 'startBatch(input: $input) { created batch { id status } }',
  },
  {
    kind: 'mutation',
    variables: { input: 'RecordCompletionInput!' },
    selection: 'recordCompletion(input: $input) { batchComplete batch { id } }',
  },
  {
    kind: 'mutation',
    variables: { input: 'StagePredictionsInput!' },
    selection: 'stagePredictions(input: $input) { batchId rowsStaged }',
  },
  { kind: 'mutation', variables: { id: 'ID!' }, selection: 'cancelBatch(id: $id) { id status }' },
  {
    kind: 'mutation',
    variables: { id: 'ID!' },
    selection: 'consolidateBatch(batchId: $id) { id status error }',
  },
  {
    kind: 'mutation',
    variables: { t: 'Int', pct: 'Float' },
    selection:
      'checkStalledBatches(stallThresholdMinutes: $t, minCompletionPct: $pct) { batchesChecked results { action } }',
  },
  {
    kind: 'mutation',
    variables: { d: 'Date!' },
    selection: 'mergeFragmentedBatches(gameDate: $d) { id status }',
  },
  {
    kind: 'mutation',
    variables: { d: 'Date!', at: 'DateTime!', dry: 'Boolean' },
    selection: 'restorePredictions(gameDate: $d, asOf: $at, dryRun: $dry) { rowsNow rowsRestored }',
  },
];

/** What one generated request sends. */
export interface GeneratedRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName?: string;
  readonly extensions?: Record<string, unknown>;
}

/** A value nested `depth` levels deep. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Values a variable may hold: any JSON, plausible values of the right shape, and worse. */
export function variableValue(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        nested(40),
        nested(300),
        new Array<number>(25_000).fill(0),
        'x\ud800',
        -1,
        2 ** 31,
        1e308,
        '2026-02-30T00:00Z',
        '2026-01-30T24:00Z',
        '',
      ),
    },
  );
}

type Values = (name: string, type: string) => fc.Arbitrary<unknown>;

interface Shape {
  readonly keyword: string | undefined;
  readonly loosen: boolean;
  readonly name: string | undefined;
  readonly hash: 'none' | 'right' | 'wrong';
  readonly extra: Record<string, unknown> | null;
  /** Values of the variables: plausible ones, each given; or anything, some left out. */
  readonly values: Values;
  readonly omit: boolean;
}

/** The request one catalog operation makes in a given shape. */
function requestOf(operation: CatalogOperation, shape: Shape): fc.Arbitrary<GeneratedRequest> {
  const names = Object.keys(operation.variables);
  const typeOf = (v: string) => operation.variables[v] ?? '';
  const declared = names
    .map((v) => `$${v}: ${shape.loosen ? typeOf(v).replace('!', '') : typeOf(v)}`)
    .join(', ');
  const query = `${shape.keyword ?? operation.kind} Op(${declared}) { ${operation.selection} }`;
  const valueOf = Object.fromEntries(
    names.map((v) => {
      const value = shape.values(v, typeOf(v));
      return [v, shape.omit ? fc.option(value, { nil: undefined, freq: 10 }) : value];
    }),
  );
  return fc.record(valueOf).map((given) => {
    const variables: Record<string, unknown> = { ...shape.extra };
    for (const [key, value] of Object.entries(given))
      if (value !== undefined) variables[key] = value;
    const sha256Hash =
      shape.hash === 'right' ? createHash('sha256').update(query).digest('hex') : 'f'.repeat(64);
    return {
      query,
      variables,
      ...(shape.name ? { operationName: shape.name } : {}),
      ...(shape.hash === 'none'
        ? {}
        : { extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    };
  });
}

/**
 * A request built from the catalog. Half are written as a client would, with plausible
 * values; the other half are bent: the operation's keyword may be the wrong one (a
 * subscription too), its variables declared nullable, its name asked for wrongly, a
 * persisted-query hash attached (right or wrong), variables of any value, missing or extra.
 */
export function generatedRequest(plausible: Values): fc.Arbitrary<GeneratedRequest> {
  const asWritten = fc.constant<Shape>({
    keyword: undefined,
    loosen: false,
    name: undefined,
    hash: 'none',
    extra: null,
    values: plausible,
    omit: false,
  });
  const bent: fc.Arbitrary<Shape> = fc.record({
    keyword: fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | undefined>(undefined) },
      { weight: 1, arbitrary: fc.constantFrom('query', 'mutation', 'subscription') },
    ),
    loosen: fc.boolean(),
    name: fc.constantFrom<string | undefined>(undefined, 'Op', 'Other'),
    hash: fc.constantFrom<Shape['hash']>('none', 'right', 'wrong'),
    extra: fc.option(
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    ),
    values: fc.constant<Values>((name, type) => variableValue(plausible(name, type))),
    omit: fc.constant(true),
  });
  return fc
    .tuple(fc.constantFrom(...OPERATIONS), fc.oneof(asWritten, bent))
    .chain(([operation, shape]) => requestOf(operation, shape));
}
