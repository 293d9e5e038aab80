/**
 * `npm run simulate`: drives a running prediction-coordinator over GraphQL the way the
 * scheduler and the prediction workers do in production: one startBatch for the day, then
 * for every player stagePredictions and recordCompletion (a fraction of both delivered
 * twice, as retries and at-least-once queues do), then waits for the consolidation the last
 * completion triggers and prints the day's summary, coverage and consolidation figures.
 *
 * Progress goes to stderr, the report to stdout. Exit codes: 0 done and consolidated;
 * 1 the service was unreachable or answered with errors; 2 bad options; 3 the batch was not
 * consolidated (failed, cancelled, or not within --timeout).
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { seededRandom } from './seeded-random';

const DEFAULT_URL = 'http://localhost:8080/graphql';
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_ATTEMPTS = 5;
const POLL_INTERVAL_MS = 250;

const HELP = `Usage: npm run simulate -- [options]

Drives a running prediction-coordinator over GraphQL as the scheduler and workers would:
startBatch for the day, then per player stagePredictions and recordCompletion (some
delivered twice, as production retries are), waits until the batch is CONSOLIDATED and
prints the day's predictionSummary, coverage and consolidation figures.

Options:
  --url <url>              GraphQL endpoint (default ${DEFAULT_URL})
  --api-key <key>          sent as X-API-Key (default: the API_KEY environment variable)
  --players <n>            players in the batch (default 141)
  --date <YYYY-MM-DD>      game date (default: today, UTC)
  --predictions <n>        predictions staged per player, one per system (default 7)
  --duplicate-rate <0-1>   fraction of stagings and completions delivered twice (default 0.1)
  --concurrency <n>        players worked on at once (default 8)
  --timeout <seconds>      how long to wait for the consolidation (default 120)
  --seed <n>               random seed, for a repeatable run (default: random)
  --force                  supersede a batch already open for the date instead of joining it
  -h, --help               print this help

Exit codes: 0 consolidated; 1 service unreachable or GraphQL errors; 2 bad options;
3 batch not consolidated (failed, cancelled or timed out).
`;

// ---------------------------------------------------------------------------------------
// Options

interface SimulateOptions {
  readonly url: string;
  readonly apiKey: string | undefined;
  readonly players: number;
  readonly date: string;
  readonly predictions: number;
  readonly duplicateRate: number;
  readonly concurrency: number;
  readonly timeoutSeconds: number;
  readonly seed: number;
  readonly force: boolean;
}

class UsageError extends Error {}

/** Parsed options, or 'help' when help was asked for. Throws UsageError on bad input. */
function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): SimulateOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        players: { type: 'string' },
        date: { type: 'string' },
        predictions: { type: 'string' },
        'duplicate-rate': { type: 'string' },
        concurrency: { type: 'string' },
        timeout: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const url = values.url ?? DEFAULT_URL;
  try {
    const endpoint = new URL(url);
    if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  const apiKey = values['api-key'] ?? (env.API_KEY || undefined);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!isCalendarDate(date)) {
    throw new UsageError(`--date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return {
    url,
    apiKey,
    date,
    players: wholeNumber('--players', values.players, 141, 1, 100_000),
    predictions: wholeNumber('--predictions', values.predictions, 7, 0, 1_000),
    duplicateRate: fraction('--duplicate-rate', values['duplicate-rate'], 0.1),
    concurrency: wholeNumber('--concurrency', values.concurrency, 8, 1, 256),
    timeoutSeconds: wholeNumber('--timeout', values.timeout, 120, 1, 86_400),
    seed: wholeNumber('--seed', values.seed, Math.floor(Math.random() * 2 ** 31), 0, 2 ** 31 - 1),
    force: values.force ?? false,
  };
}

function wholeNumber(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function fraction(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`${name} must be a number from 0 to 1, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// ---------------------------------------------------------------------------------------
// GraphQL over HTTP, with the retries a worker would make

interface GraphqlError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: unknown; retryable?: unknown; [key: string]: unknown };
}

/** The service could not be reached at all (nothing listening, DNS, TLS, timeouts). */
class ServiceUnreachable extends Error {}

/** The service answered, with errors (or with something that is not GraphQL). */
class ServiceError extends Error {}

/** The batch did not become CONSOLIDATED. */
class NotConsolidated extends Error {}

class GraphqlFailure extends ServiceError {
  constructor(
    readonly operation: string,
    readonly errors: readonly GraphqlError[],
  ) {
    super(
      `${operation} failed:\n` +
        errors
          .map((e) => {
            const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'no code';
            const at =
              Array.isArray(e.path) && e.path.length > 0 ? ` (at ${e.path.join('.')})` : '';
            return `  - [${code}] ${e.message}${at}`;
          })
          .join('\n'),
    );
  }

  get retryable(): boolean {
    return (
      this.errors.length > 0 &&
      this.errors.every(
        (e) => e.extensions?.retryable === true || e.extensions?.code === 'SERVICE_UNAVAILABLE',
      )
    );
  }

  get unauthenticated(): boolean {
    return this.errors.some(
      (e) => e.extensions?.code === 'UNAUTHENTICATED' || e.extensions?.code === 'FORBIDDEN',
    );
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

class GraphqlClient {
  /** Requests answered only after one or more retries. */
  retried = 0;

  constructor(
    readonly url: string,
    private readonly apiKey: string | undefined,
  ) {}

  /** One attempt; network failures become ServiceUnreachable, errors GraphqlFailure. */
  async once<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ServiceUnreachable(describeNetworkError(error));
    }
    const text = await response.text();
    let body: { data?: unknown; errors?: GraphqlError[] };
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
      body = parsed;
    } catch {
      const kind = response.headers.get('content-type') ?? 'no content type';
      if (response.status >= 502 && response.status <= 504) {
        throw new GraphqlFailure(operation, [
          { message: `HTTP ${response.status}`, extensions: { code: 'SERVICE_UNAVAILABLE' } },
        ]);
      }
      throw new ServiceError(
        `${this.url} answered ${operation} with HTTP ${response.status} (${kind}), not GraphQL: is --url the service's /graphql endpoint?`,
      );
    }
    if (Array.isArray(body.errors) && body.errors.length > 0)
      throw new GraphqlFailure(operation, body.errors);
    if (response.status === 404) {
      throw new ServiceError(
        `${this.url} answered ${operation} with HTTP 404: is --url the service's /graphql endpoint?`,
      );
    }
    if (body.data === undefined || body.data === null) {
      const said =
        (body as { error?: unknown; message?: unknown }).error ??
        (body as { message?: unknown }).message;
      throw new ServiceError(
        `${this.url} answered ${operation} with HTTP ${response.status}${typeof said === 'string' ? `: ${said}` : ' and neither data nor errors'}`,
      );
    }
    return body.data as T;
  }

  /**
   * Every operation the simulation sends is idempotent (startBatch returns the open batch,
   * staging replaces the player's rows, a completion counts once), so like a worker it
   * retries what may pass on a second try: lost connections and SERVICE_UNAVAILABLE.
   */
  async request<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const data = await this.once<T>(operation, query, variables);
        if (attempt > 1) this.retried++;
        return data;
      } catch (error) {
        const transient =
          error instanceof ServiceUnreachable ||
          (error instanceof GraphqlFailure && error.retryable);
        if (!transient || attempt >= MAX_ATTEMPTS) throw error;
        await sleep(100 * 2 ** attempt + Math.random() * 100);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------
// The GraphQL documents

const RUN_FIELDS = `id trigger status startedAt finishedAt stagingTables rowsStaged rowsInserted rowsUpdated rowsDeactivated duplicatesDropped error`;
const PING = `query Ping { __typename }`;
const START = `mutation Start($input: StartBatchInput!) {
  startBatch(input: $input) { created batch { id gameDate status expectedPlayers pendingPlayers } }
}`;
const STAGE = `mutation Stage($input: StagePredictionsInput!) {
  stagePredictions(input: $input) { batchId playerLookup rowsStaged }
}`;
const COMPLETE = `mutation Complete($input: RecordCompletionInput!) {
  recordCompletion(input: $input) { batchComplete consolidationTriggered batch { id completedPlayers } }
}`;
const BATCH = `query Batch($id: ID!) {
  batch(id: $id) {
    id gameDate status supersededBy expectedPlayers completedPlayers predictionsReported completionPct
    consolidations { ${RUN_FIELDS} }
  }
}`;
const DAY = `query Day($d: Date!) {
  predictionSummary(gameDate: $d) { gameDate predictions players duplicateKeys lastUpdatedAt bySystem { systemId predictions players } }
  coverage(gameDate: $d) { gameDate expectedPlayers playersWithPredictions missingPlayers }
}`;

type BatchStatus =
  'OPEN' | 'CONSOLIDATING' | 'CONSOLIDATED' | 'FAILED' | 'SUPERSEDED' | 'CANCELLED';

interface ConsolidationRun {
  id: string;
  trigger: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  finishedAt: string | null;
  stagingTables: number;
  rowsStaged: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeactivated: number;
  duplicatesDropped: number;
  error: string | null;
}

interface BatchView {
  id: string;
  gameDate: string;
  status: BatchStatus;
  supersededBy: string | null;
  expectedPlayers: number;
  completedPlayers: number;
  predictionsReported: number;
  completionPct: number;
  consolidations: ConsolidationRun[];
}

interface StartData {
  startBatch: {
    created: boolean;
    batch: {
      id: string;
      gameDate: string;
      status: BatchStatus;
      expectedPlayers: number;
      pendingPlayers: string[];
    };
  };
}

interface DayData {
  predictionSummary: {
    gameDate: string;
    predictions: number;
    players: number;
    duplicateKeys: number;
    lastUpdatedAt: string | null;
    bySystem: { systemId: string; predictions: number; players: number }[];
  };
  coverage: {
    gameDate: string;
    expectedPlayers: number;
    playersWithPredictions: number;
    missingPlayers: string[];
  };
}

// ---------------------------------------------------------------------------------------
// Realistic data

const FIRST = [
  'lebron',
  'stephen',
  'kevin',
  'nikola',
  'luka',
  'jayson',
  'giannis',
  'joel',
  'anthony',
  'devin',
  'donovan',
  'tyrese',
  'jalen',
  'shai',
  'damian',
  'jimmy',
  'trae',
  'zion',
  'paolo',
  'victor',
  'domantas',
  'bam',
  'desmond',
  'scottie',
];
const LAST = [
  'james',
  'curry',
  'durant',
  'jokic',
  'doncic',
  'tatum',
  'antetokounmpo',
  'embiid',
  'edwards',
  'booker',
  'mitchell',
  'haliburton',
  'brunson',
  'gilgeousalexander',
  'lillard',
  'butler',
  'young',
  'williamson',
  'banchero',
  'wembanyama',
  'sabonis',
  'adebayo',
  'bane',
  'barnes',
];
const TEAMS = [
  'ATL',
  'BOS',
  'BKN',
  'CHA',
  'CHI',
  'CLE',
  'DAL',
  'DEN',
  'DET',
  'GSW',
  'HOU',
  'IND',
  'LAC',
  'LAL',
  'MEM',
  'MIA',
  'MIL',
  'MIN',
  'NOP',
  'NYK',
  'OKC',
  'ORL',
  'PHI',
  'PHX',
  'POR',
  'SAC',
  'SAS',
  'TOR',
  'UTA',
  'WAS',
];
/** The production systems; a player gets one prediction per system, then alternate lines. */
const SYSTEMS = [
  'catboost_v9',
  'ensemble_v1',
  'similarity_balanced_v1',
  'xgboost_v1',
  'moving_average_baseline_v1',
  'zone_matchup_v1',
  'catboost_v8',
] as const;
const SPORTSBOOKS = ['draftkings', 'fanduel', 'betmgm', 'caesars'];

/** `count` distinct player_lookups in the service's format (a-z, 0-9, _ or -). */
function playerLookups(count: number): string[] {
  const pairs = FIRST.length * LAST.length;
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] ?? 'player';
    const last = LAST[(i + Math.floor(i / FIRST.length)) % LAST.length] ?? 'x';
    const round = Math.floor(i / pairs);
    return `${first}${last}${round > 0 ? String(round + 1) : ''}`;
  });
}

/** Players are split over the day's games (at most 15: 30 teams), about 14 to a game. */
function gameIdFor(date: string, index: number, players: number): string {
  const games = Math.min(15, Math.max(1, Math.ceil(players / 14)));
  const perGame = Math.ceil(players / games);
  const game = Math.floor(index / perGame) % games;
  return `${date.replaceAll('-', '')}_${TEAMS[2 * game] ?? 'AWY'}_${TEAMS[2 * game + 1] ?? 'HOM'}`;
}

const round = (value: number, decimals: number): number =>
  Math.round(value * 10 ** decimals) / 10 ** decimals;
const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

interface PlayerPlan {
  readonly player: string;
  readonly predictions: Record<string, unknown>[];
  readonly restage: boolean;
  readonly recomplete: boolean;
}

/**
 * What one worker computes for a player: one prediction per system with a prop line
 * stepped by 0.5 for alternate lines; about one player in twelve has no line posted
 * (currentPointsLine NULL, an estimated line instead). Values stay within the columns'
 * NUMERIC precision: predictedPoints NUMERIC(5,1), confidenceScore NUMERIC(5,2).
 */
function planPlayer(
  options: SimulateOptions,
  index: number,
  player: string,
  now: string,
): PlayerPlan {
  const random = seededRandom((options.seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const average = 6 + random() * 26;
  const baseLine = Math.floor(average) + 0.5;
  const hasLine = random() >= 0.08;
  const gameId = gameIdFor(options.date, index, options.players);
  const sportsbook = pick(SPORTSBOOKS);
  const injury = random() < 0.1 ? 'questionable' : random() < 0.2 ? 'probable' : 'available';
  const actualGames = 7 + Math.floor(random() * 4);
  const restDays = Math.floor(random() * 4);
  const issues =
    random() < 0.15
      ? [pick(['missing_opponent_pace', 'stale_injury_report', 'partial_shot_zone_data'])]
      : [];
  const predictions = Array.from({ length: options.predictions }, (_, i) => {
    const system = SYSTEMS[i % SYSTEMS.length] ?? 'catboost_v9';
    const alternate = Math.floor(i / SYSTEMS.length);
    // A player without a posted line has NULL lines on the first round only: alternate
    // rounds step from the estimated line, so no two predictions share a business key.
    const line = hasLine || alternate > 0 ? baseLine + alternate * 0.5 : null;
    const predicted = round(clamp(average + (random() - 0.5) * 6, 0, 99.9), 1);
    const margin = line === null ? null : round(predicted - line, 2);
    const recommendation =
      margin === null ? 'NO_LINE' : margin > 1 ? 'OVER' : margin < -1 ? 'UNDER' : 'PASS';
    const adjustment = (): number => round((random() - 0.5) * 4, 2);
    return {
      predictionId: randomUUID(),
      systemId: system,
      playerLookup: player,
      universalPlayerId: `${player}_001`,
      gameDate: options.date,
      gameId,
      predictionVersion: 1,
      predictedPoints: predicted,
      confidenceScore: round(45 + random() * 50, 2),
      recommendation,
      hasPropLine: hasLine,
      similarityBaseline: round(average, 1),
      fatigueAdjustment: adjustment(),
      shotZoneAdjustment: adjustment(),
      refereeAdjustment: adjustment(),
      lookAheadAdjustment: adjustment(),
      paceAdjustment: adjustment(),
      usageSpikeAdjustment: adjustment(),
      homeAwayAdjustment: adjustment(),
      otherAdjustments: 0,
      similarGamesCount: 8 + Math.floor(random() * 40),
      avgSimilarityScore: round(60 + random() * 35, 2),
      minSimilarityScore: round(40 + random() * 20, 2),
      currentPointsLine: line,
      lineMargin: margin,
      mlModelId:
        system.startsWith('catboost') || system.startsWith('xgboost') ? `${system}_2026q1` : null,
      lineSource: hasLine ? 'ACTUAL_PROP' : line === null ? 'NO_PROP_LINE' : 'ESTIMATED_AVG',
      estimatedLineValue: hasLine ? null : baseLine,
      estimationMethod: hasLine ? null : 'points_avg_last_10',
      lineSourceApi: hasLine ? 'odds_api' : null,
      sportsbook: hasLine ? sportsbook : null,
      wasLineFallback: !hasLine,
      predictionVariance: round(random() * 9, 2),
      systemAgreementScore: system === 'ensemble_v1' ? round(50 + random() * 50, 2) : null,
      contributingSystems: system === 'ensemble_v1' ? SYSTEMS.length - 1 : null,
      keyFactors: {
        recent_form: pick(['hot', 'cold', 'steady']),
        minutes_trend: round((random() - 0.5) * 6, 1),
        opponent_def_rating: round(105 + random() * 15, 1),
        rest_days: restDays,
        back_to_back: restDays === 0,
      },
      warnings: actualGames < 8 ? ['low_sample_size'] : [],
      expectedGamesCount: 10,
      actualGamesCount: actualGames,
      completenessPercentage: actualGames * 10,
      missingGamesCount: 10 - actualGames,
      isProductionReady: actualGames >= 8,
      dataQualityIssues: issues,
      reprocessAttemptCount: 0,
      circuitBreakerActive: false,
      manualOverrideRequired: false,
      seasonBoundaryDetected: false,
      backfillBootstrapMode: false,
      processingDecisionReason: 'scheduled_daily_run',
      injuryStatusAtPrediction: injury,
      injuryFlagAtPrediction: injury !== 'available',
      injuryReasonAtPrediction:
        injury === 'available' ? null : pick(['ankle', 'knee', 'illness', 'rest']),
      injuryCheckedAt: now,
      modelVersion: system.replace(/^.*_(v\d+)$/, '$1'),
      predictedAt: now,
      buildCommitSha: 'simulate',
      deploymentRevision: 'prediction-worker-simulated',
    };
  });
  return {
    player,
    predictions,
    restage: options.predictions > 0 && random() < options.duplicateRate,
    recomplete: random() < options.duplicateRate,
  };
}

// ---------------------------------------------------------------------------------------
// The run

interface Tally {
  players: number;
  stagings: number;
  restagings: number;
  completions: number;
  recompletions: number;
  rowsStaged: number;
}

async function startBatch(
  client: GraphqlClient,
  options: SimulateOptions,
  players: readonly string[],
): Promise<{ id: string; created: boolean }> {
  const data = await client.request<StartData>('startBatch', START, {
    input: {
      gameDate: options.date,
      players,
      correlationId: `simulate-${options.seed}`,
      force: options.force,
    },
  });
  const { batch, created } = data.startBatch;
  if (!created) {
    const ours = new Set(players);
    const foreign = batch.pendingPlayers.filter((p) => !ours.has(p));
    if (batch.expectedPlayers !== players.length || foreign.length > 0) {
      throw new ServiceError(
        `batch ${batch.id} is already ${batch.status} for ${options.date} and expects ${batch.expectedPlayers} players, not these ${players.length}: ` +
          'rerun with --force to supersede it, or pick another --date',
      );
    }
    process.stderr.write(
      `joining batch ${batch.id} already ${batch.status} for ${options.date} (pass --force to start a new one)\n`,
    );
  }
  return { id: batch.id, created };
}

async function workPlayers(
  client: GraphqlClient,
  options: SimulateOptions,
  batchId: string,
  players: readonly string[],
  tally: Tally,
): Promise<void> {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format:
        'players {bar} {percentage}% | {value}/{total} | staged {rows} rows | redelivered {dups} | ETA {eta_formatted}',
      hideCursor: false,
    },
    Presets.shades_classic,
  );
  bar.start(players.length, 0, { rows: 0, dups: 0 });
  const interrupted = (): void => {
    bar.stop();
    process.stderr.write(
      `simulate: interrupted; batch ${batchId} stays open with ${tally.players}/${players.length} players completed (cancelBatch or a new run with --force)\n`,
    );
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  const now = new Date().toISOString();
  let next = 0;
  let failure: Error | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < players.length) {
      const index = next++;
      const player = players[index] ?? '';
      const plan = planPlayer(options, index, player, now);
      try {
        if (plan.predictions.length > 0) {
          const input = { input: { batchId, playerLookup: player, predictions: plan.predictions } };
          const staged = await client.request<{ stagePredictions: { rowsStaged: number } }>(
            'stagePredictions',
            STAGE,
            input,
          );
          tally.stagings++;
          tally.rowsStaged += staged.stagePredictions.rowsStaged;
          if (plan.restage) {
            // The worker's first call timed out on its side and was sent again: same rows.
            await client.request('stagePredictions (redelivered)', STAGE, input);
            tally.restagings++;
          }
        }
        const completion = {
          input: { batchId, playerLookup: player, predictionsCount: plan.predictions.length },
        };
        await client.request('recordCompletion', COMPLETE, completion);
        tally.completions++;
        if (plan.recomplete) {
          // At-least-once delivery: the completion message arrives a second time.
          await client.request('recordCompletion (redelivered)', COMPLETE, completion);
          tally.recompletions++;
        }
        tally.players++;
        bar.increment(1, { rows: tally.rowsStaged, dups: tally.restagings + tally.recompletions });
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency, players.length) }, () => worker()),
    );
  } finally {
    process.off('SIGINT', interrupted);
    bar.stop();
  }
  if (failure !== undefined) throw failure;
}

/** Polls the batch (following supersededBy) until CONSOLIDATED; NotConsolidated otherwise. */
async function awaitConsolidation(
  client: GraphqlClient,
  batchId: string,
  timeoutSeconds: number,
): Promise<BatchView> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let id = batchId;
  let last: BatchView | undefined;
  process.stderr.write(
    `waiting for batch ${id} to be CONSOLIDATED (up to ${timeoutSeconds} s)...\n`,
  );
  for (;;) {
    const data = await client.request<{ batch: BatchView | null }>('batch', BATCH, { id });
    const batch = data.batch;
    if (!batch) throw new ServiceError(`batch ${id} is not known to the service any more`);
    last = batch;
    switch (batch.status) {
      case 'CONSOLIDATED':
        return batch;
      case 'SUPERSEDED':
        if (!batch.supersededBy)
          throw new ServiceError(`batch ${id} is SUPERSEDED without a supersededBy`);
        process.stderr.write(`batch ${id} was superseded by ${batch.supersededBy}; following it\n`);
        id = batch.supersededBy;
        continue;
      case 'CANCELLED':
        throw new NotConsolidated(
          `batch ${id} was CANCELLED while the simulation ran; its staging will be swept`,
        );
      case 'FAILED': {
        const run = batch.consolidations.find((r) => r.status === 'FAILED');
        throw new NotConsolidated(
          `the consolidation of batch ${id} FAILED${run?.error ? `: ${run.error}` : ''}\n` +
            `Its staging is kept and the service's cron retries it; to retry now:\n  ${consolidateHint(id)}`,
        );
      }
      case 'OPEN':
      case 'CONSOLIDATING':
        break;
    }
    if (Date.now() >= deadline) {
      throw new NotConsolidated(
        `batch ${id} is still ${last.status} after ${timeoutSeconds} s (${last.completedPlayers}/${last.expectedPlayers} players completed); ` +
          `consolidation did not happen.\nConsolidate it by hand:\n  ${consolidateHint(id)}\nor wait longer with --timeout.`,
      );
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function consolidateHint(batchId: string): string {
  return `mutation { consolidateBatch(batchId: "${batchId}") { status rowsStaged rowsInserted duplicatesDropped error } }`;
}

// ---------------------------------------------------------------------------------------
// The report

function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  indent = '  ',
): string {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const numeric = headers.map((_, c) => rows.every((row) => typeof row[c] === 'number'));
  const line = (row: readonly string[]): string =>
    indent +
    row
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = indent + widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}

function seconds(from: string, to: string | null): string {
  return to ? `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)} s` : 'running';
}

function report(
  options: SimulateOptions,
  batch: BatchView,
  created: boolean,
  tally: Tally,
  elapsedMs: number,
  retried: number,
  day: DayData,
): string {
  const { predictionSummary: summary, coverage } = day;
  const out: string[] = [];
  out.push(
    `Simulated ${options.players} players x ${options.predictions} predictions for ${options.date} against ${options.url}`,
  );
  out.push(
    `  batch ${batch.id} (${created ? 'new' : 'joined'}), seed ${options.seed}, ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  out.push(
    `  stagings ${tally.stagings} (+${tally.restagings} redelivered), completions ${tally.completions} (+${tally.recompletions} redelivered)` +
      `${retried > 0 ? `, ${retried} request(s) retried` : ''}`,
  );
  out.push(
    `  the batch counted ${batch.completedPlayers}/${batch.expectedPlayers} players once each, ${batch.predictionsReported} predictions reported`,
  );
  out.push('');
  out.push(`Consolidation: batch ${batch.status}`);
  const runs = [...batch.consolidations].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  out.push(
    table(
      [
        'run',
        'trigger',
        'status',
        'tables',
        'rowsStaged',
        'rowsInserted',
        'rowsUpdated',
        'deactivated',
        'duplicatesDropped',
        'took',
      ],
      runs.map((r) => [
        r.id,
        r.trigger,
        r.status,
        r.stagingTables,
        r.rowsStaged,
        r.rowsInserted,
        r.rowsUpdated,
        r.rowsDeactivated,
        r.duplicatesDropped,
        seconds(r.startedAt, r.finishedAt),
      ]),
    ),
  );
  out.push('');
  out.push(
    `Prediction summary for ${summary.gameDate}: ${summary.predictions} predictions for ${summary.players} players, ${summary.duplicateKeys} duplicate keys`,
  );
  out.push(
    table(
      ['system', 'predictions', 'players'],
      [
        ...[...summary.bySystem]
          .sort((a, b) => a.systemId.localeCompare(b.systemId))
          .map((s) => [s.systemId, s.predictions, s.players]),
        ['all systems', summary.predictions, summary.players],
      ],
    ),
  );
  out.push(
    `  duplicateKeys ${summary.duplicateKeys}${summary.duplicateKeys === 0 ? ' (healthy)' : ' (business keys with more than one active row!)'}`,
  );
  if (summary.lastUpdatedAt) out.push(`  last updated ${summary.lastUpdatedAt}`);
  const expected = options.players * options.predictions;
  if (summary.predictions !== expected) {
    out.push(
      `  note: ${expected} were sent in this run; the day also holds rows of earlier batches, or some were not consolidated`,
    );
  }
  out.push('');
  out.push(`Coverage for ${coverage.gameDate}`);
  out.push(
    table(
      ['expected players', 'with predictions', 'missing'],
      [[coverage.expectedPlayers, coverage.playersWithPredictions, coverage.missingPlayers.length]],
    ),
  );
  if (coverage.missingPlayers.length > 0) {
    const shown = coverage.missingPlayers.slice(0, 20).join(', ');
    const more =
      coverage.missingPlayers.length > 20
        ? `, and ${coverage.missingPlayers.length - 20} more`
        : '';
    out.push(`  missing: ${shown}${more}`);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------
// Main

async function simulate(options: SimulateOptions): Promise<string> {
  const client = new GraphqlClient(options.url, options.apiKey);
  try {
    await client.once('ping', PING);
  } catch (error) {
    if (error instanceof ServiceUnreachable) {
      throw new ServiceUnreachable(
        `no service at ${options.url} (${error.message}) — start it with \`npm start\``,
      );
    }
    throw error;
  }
  const started = Date.now();
  const players = playerLookups(options.players);
  const { id, created } = await startBatch(client, options, players);
  process.stderr.write(
    `batch ${id}: ${options.players} players x ${options.predictions} predictions, ${options.concurrency} at a time, duplicate rate ${options.duplicateRate}\n`,
  );
  const tally: Tally = {
    players: 0,
    stagings: 0,
    restagings: 0,
    completions: 0,
    recompletions: 0,
    rowsStaged: 0,
  };
  await workPlayers(client, options, id, players, tally);
  const batch = await awaitConsolidation(client, id, options.timeoutSeconds);
  const day = await client.request<DayData>('predictionSummary and coverage', DAY, {
    d: options.date,
  });
  return report(options, batch, created, tally, Date.now() - started, client.retried, day);
}

async function main(): Promise<number> {
  let options: SimulateOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`simulate: ${error.message}\nRun with --help for the options.\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  try {
    process.stdout.write(await simulate(options));
    return 0;
  } catch (error) {
    if (error instanceof NotConsolidated) {
      process.stderr.write(`simulate: ${error.message}\n`);
      return 3;
    }
    if (error instanceof GraphqlFailure) {
      const hint = error.unauthenticated
        ? '\nPass the key with --api-key or the API_KEY environment variable.'
        : '';
      process.stderr.write(
        `simulate: GraphQL errors from ${options.url}\n${error.message}${hint}\n`,
      );
      return 1;
    }
    if (error instanceof ServiceUnreachable) {
      const message = error.message.startsWith('no service')
        ? error.message
        : `lost the service at ${options.url}: ${error.message}`;
      process.stderr.write(`simulate: ${message}\n`);
      return 1;
    }
    if (error instanceof ServiceError) {
      process.stderr.write(`simulate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `simulate: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
