import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** A UTF-16 surrogate not in a pair: not a Unicode character, so no engine can store it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Deepest nesting of a variable (objects and lists); a prediction's keyFactors needs a few. */
export const MAX_VARIABLE_DEPTH = 32;

export interface InputBounds {
  /** Most levels of objects and lists in one variable value. */
  readonly maxDepth: number;
  /** Most items of a list, or keys of an object, anywhere in the variables (the largest input list). */
  readonly maxItems: number;
}

/** Why variables were refused; `message` names at most a path, never a value. */
export type InputProblem =
  | { readonly kind: 'too-deep'; readonly message: string }
  | { readonly kind: 'too-long'; readonly message: string }
  | { readonly kind: 'malformed'; readonly message: string };

interface Pending {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
}

/** What is wrong with one value seen on the walk, before its children are looked at. */
function problemOf({ value, path, depth }: Pending, bounds: InputBounds): InputProblem | undefined {
  if (typeof value === 'string') {
    return LONE_SURROGATE.test(value)
      ? {
          kind: 'malformed',
          message: `Variable ${path.slice(0, 200)} is not well-formed Unicode (a lone surrogate)`,
        }
      : undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > bounds.maxDepth) {
    return {
      kind: 'too-deep',
      message: `Variables may be nested at most ${bounds.maxDepth} levels deep`,
    };
  }
  const items = Array.isArray(value) ? value.length : Object.keys(value).length;
  if (items > bounds.maxItems) {
    return {
      kind: 'too-long',
      message: `Variable ${path.slice(0, 200)} holds ${items} items, more than any input accepts`,
    };
  }
  return undefined;
}

/**
 * The first problem of a request's variables, walked with an explicit stack: the depth is
 * bounded by `maxDepth`, not by the runtime's call stack, and a list (or object) larger
 * than `maxItems` is refused before any of its items is looked at.
 */
export function inputProblem(variables: unknown, bounds: InputBounds): InputProblem | undefined {
  const stack: Pending[] = [{ value: variables, path: '$', depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const problem = problemOf(next, bounds);
    if (problem) return problem;
    const { value, path, depth } = next;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i] as unknown, path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) {
        return {
          kind: 'malformed',
          message: `Variable ${path.slice(0, 200)} (a key) is not well-formed Unicode (a lone surrogate)`,
        };
      }
      stack.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Refuses, before anything runs, variables nested too deep, holding a list longer than any
 * input accepts, or holding a lone surrogate (JSON can carry one as \ud800; a GraphQL
 * literal cannot; stored, it would be silently replaced or fail in the driver).
 */
export function wellFormedInputPlugin(bounds: InputBounds): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request }) {
          const problem = inputProblem(request.variables ?? {}, bounds);
          if (!problem) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(problem.message, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}
