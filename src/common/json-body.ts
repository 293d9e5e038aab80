import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../config/app-config';
import { answerError, type Middleware } from './middleware';
import { MAX_VARIABLE_DEPTH } from './well-formed-input';

/** How large a structure a JSON body may describe, checked on its text before it is built. */
export interface JsonBounds {
  /** Levels of the variables (the body and its `variables` member wrap them: two more). */
  readonly maxDepth: number;
  /** Objects and lists: what costs memory to build. */
  readonly maxContainers: number;
  /** Values and members, counted by their separators. */
  readonly maxItems: number;
}

/** Generous for what the inputs accept: a stage's rows with their lists and JSON, a batch's players. */
export function jsonBodyBounds(config: AppConfig): JsonBounds {
  const { MAX_PLAYERS_PER_BATCH, MAX_PREDICTIONS_PER_STAGE } = config.values;
  return {
    maxDepth: MAX_VARIABLE_DEPTH,
    maxContainers: 64 * MAX_PREDICTIONS_PER_STAGE,
    maxItems: 2 * Math.max(MAX_PLAYERS_PER_BATCH, 128 * MAX_PREDICTIONS_PER_STAGE),
  };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPENERS = new Set([0x7b, 0x5b]);
const CLOSERS = new Set([0x7d, 0x5d]);

/**
 * Why a JSON text describes a structure too large to build, found in one pass over its
 * characters (strings skipped), before JSON.parse allocates anything; undefined if it
 * is within bounds. Whether it is valid JSON is the parser's to say.
 */
export function jsonShapeProblem(text: string, bounds: JsonBounds): string | undefined {
  let depth = 0;
  let containers = 0;
  let items = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++)
        if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (OPENERS.has(c)) {
      if (++depth > bounds.maxDepth + 2)
        return `Variables may be nested at most ${bounds.maxDepth} levels deep`;
      if (++containers > bounds.maxContainers)
        return `The request holds more than ${bounds.maxContainers} objects and lists`;
    } else if (CLOSERS.has(c)) {
      depth--;
    } else if (c === COMMA && ++items > bounds.maxItems) {
      return `The request holds more than ${bounds.maxItems} values`;
    }
  }
  return undefined;
}

/**
 * Turns the JSON text the body parser read into `req.body`, refusing (400, BAD_USER_INPUT)
 * a body that describes more than `bounds` allow before building it, and answering a body
 * that is not JSON with BAD_REQUEST. A 5 MB body of 1.7 million `{}` would otherwise take
 * seconds and hundreds of megabytes to build, before any other check could run.
 */
export function jsonBody(bounds: JsonBounds): Middleware {
  return (req, res, next) => {
    const withBody = req as IncomingMessage & { body?: unknown };
    if (typeof withBody.body !== 'string') return next();
    const problem = jsonShapeProblem(withBody.body, bounds);
    if (problem) return answerError(res, 400, problem, { code: 'BAD_USER_INPUT' });
    try {
      withBody.body = JSON.parse(withBody.body) as unknown;
    } catch {
      return answerError(res, 400, 'The request body is not valid JSON', { code: 'BAD_REQUEST' });
    }
    next();
  };
}
