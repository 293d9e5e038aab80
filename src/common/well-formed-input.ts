import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** A UTF-16 surrogate not in a pair: not a Unicode character, so no engine can store it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The path of the first string (value or object key) that is not well-formed Unicode. */
function malformedAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = malformedAt(item, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return `${path} (a key)`;
      const found = malformedAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses variables holding a lone surrogate (JSON can carry one as \ud800; a GraphQL
 * literal cannot). Stored, it would be silently replaced or fail in the driver.
 */
export function wellFormedInputPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request }) {
          const path = malformedAt(request.variables ?? {}, '$');
          if (!path) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(
              `Variable ${path.slice(0, 200)} is not well-formed Unicode (a lone surrogate)`,
              {
                extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
              },
            ),
          );
        },
      });
    },
  };
}
