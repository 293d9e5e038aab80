import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';

/**
 * An operation of a kind the schema has no root for (a subscription here) is refused in
 * validation, as graphql-js 17 does; graphql-js 16 would fail it while executing, as if
 * the server had erred.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(
      new GraphQLError(`This service has no ${node.operation} operations`, { nodes: node }),
    );
  },
});

/**
 * The first variable that is null where a value is required. Validation lets a nullable
 * variable fill a non-null argument that has a default (`first: Int! = 20` given `$f: Int`);
 * given null, graphql-js would fail that field while executing, as if the server had erred.
 */
export function nullWhereRequired(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): string | undefined {
  const defaults = new Map(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]),
  );
  const isNull = (name: string) =>
    Object.hasOwn(variables, name)
      ? variables[name] === null
      : defaults.get(name)?.kind === Kind.NULL;
  const typeInfo = new TypeInfo(schema);
  let found: string | undefined;
  const visitor = visitWithTypeInfo(typeInfo, {
    // A variable's own declaration is not a use of it.
    VariableDefinition: () => false,
    Variable(node) {
      const type = typeInfo.getInputType();
      if (found !== undefined || !type || !isNonNullType(type) || !isNull(node.name.value)) return;
      const argument = typeInfo.getArgument();
      found = `Variable "$${node.name.value}" is null where ${argument ? `argument "${argument.name}"` : 'a field'} needs a ${String(type)}: leave the argument out to use its default`;
    },
  });
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const definition of [operation, ...fragments]) visit(definition, visitor);
  return found;
}

/** Refuses, before anything runs, a null variable where a value is required. */
export function nullWhereRequiredPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return Promise.resolve();
          const problem = nullWhereRequired(schema, document, operation, request.variables ?? {});
          if (problem === undefined) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(problem, {
              extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}
