import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

const HIDDEN =
  'The operation does not match the schema (introspection is off: send a credential for the details)';

/** Apollo's refusal of an introspection query: it names no type, and says what to do. */
const INTROSPECTION_OFF = /^GraphQL introspection is not allowed/;

/** Validation and variable coercion errors name types, fields and enum values of the schema. */
function describesSchema(error: GraphQLFormattedError): boolean {
  const code = error.extensions?.code;
  return (
    (code === 'GRAPHQL_VALIDATION_FAILED' && !INTROSPECTION_OFF.test(error.message)) ||
    (code === 'BAD_USER_INPUT' && error.message.startsWith('Variable "$'))
  );
}

/**
 * With introspection off, a caller without a credential (auth off, or a query while
 * AUTH_QUERIES=false) learns nothing of the schema from an error: validation and variable
 * errors keep their code and place, and lose their message. A caller with a credential
 * keeps the helpful messages ("Did you mean the enum value ...?", required fields).
 */
export function anonymousErrorsPlugin(
  isCredentialed: (req: IncomingMessage) => boolean,
): ApolloServerPlugin {
  return {
    requestDidStart({ contextValue }) {
      const { req } = contextValue as { req?: IncomingMessage };
      if (req && isCredentialed(req)) return Promise.resolve();
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') return Promise.resolve();
          const { errors } = response.body.singleResult;
          response.body.singleResult.errors = errors?.map((error) =>
            describesSchema(error)
              ? {
                  message: HIDDEN,
                  locations: error.locations,
                  extensions: { code: error.extensions?.code },
                }
              : error,
          );
          return Promise.resolve();
        },
      });
    },
  };
}
