import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type OperationDefinitionNode } from 'graphql';
import type { DomainError } from '../common/domain-error';

/** GraphQL's coercion error for a variable, e.g. `Variable "$input" got invalid value ...`. */
const COERCION = /^Variable "\$(\w+)" got invalid value/;

function stagesPredictions(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === OperationTypeNode.MUTATION &&
    operation.selectionSet.selections.some(
      (s) => s.kind === Kind.FIELD && s.name.value === 'stagePredictions',
    )
  );
}

/**
 * When GraphQL refuses a stagePredictions input while coercing it (a missing or unknown
 * field), the answer becomes the one BAD_USER_INPUT the resolver would give, listing every
 * problem of the request in `extensions.fields`, not only the fields coercion tripped on.
 */
export function stagingInputPlugin(
  refusalOf: (input: unknown) => Promise<DomainError | undefined>,
): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ response, request, operation }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined && data !== null) return;
          if (!errors?.length || !stagesPredictions(operation)) return;
          const variables = new Set(errors.map((e) => COERCION.exec(e.message)?.[1]));
          const [name] = variables;
          if (variables.size !== 1 || name === undefined) return;
          const refusal = await refusalOf(request.variables?.[name]);
          if (!refusal) return;
          response.body.singleResult.errors = [
            {
              message: refusal.message,
              extensions: { code: 'BAD_USER_INPUT', ...refusal.details },
            },
          ];
        },
      });
    },
  };
}
