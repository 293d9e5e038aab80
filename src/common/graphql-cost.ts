import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

interface CostContext {
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly typeNamed: (name: string) => GraphQLNamedType | undefined;
}

/** The page size a field asks for: its `first` argument, literal, variable or default; else 1. */
function pageSize(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  ctx: CostContext,
): number {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  let value: unknown = field.args.find((a) => a.name === 'first')?.defaultValue;
  if (arg?.value.kind === Kind.INT) value = Number(arg.value.value);
  if (arg?.value.kind === Kind.VARIABLE) value = ctx.variables[arg.value.name.value] ?? value;
  return typeof value === 'number' && Number.isFinite(value) && value > 1 ? value : 1;
}

function selectionCost(
  set: SelectionSetNode,
  parent: GraphQLNamedType | undefined,
  ctx: CostContext,
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? ctx.typeNamed(selection.typeCondition.name.value)
        : parent;
      total += selectionCost(selection.selectionSet, type, ctx);
    } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = ctx.fragments.get(selection.name.value);
      if (fragment)
        total += selectionCost(
          fragment.selectionSet,
          ctx.typeNamed(fragment.typeCondition.name.value),
          ctx,
        );
    } else if (!selection.name.value.startsWith('__')) {
      const field =
        isObjectType(parent) || isInterfaceType(parent)
          ? parent.getFields()[selection.name.value]
          : undefined;
      if (!field) continue;
      const type = getNamedType(field.type);
      const inner =
        selection.selectionSet && isCompositeType(type)
          ? selectionCost(selection.selectionSet, type, ctx)
          : 0;
      total += 1 + pageSize(field, selection, ctx) * inner;
    }
  }
  return total;
}

/**
 * What an operation costs: about how many values its answer can hold. Each field costs 1,
 * and what a paged field selects counts once per item of the page it asks for (`first`,
 * whether literal, variable or default). Introspection is bounded by the token limit instead.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): number {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const ctx: CostContext = {
    fragments,
    variables,
    typeNamed: (name) => schema.getType(name) ?? undefined,
  };
  return selectionCost(
    operation.selectionSet,
    schema.getRootType(operation.operation) ?? undefined,
    ctx,
  );
}

/** Refuses, before anything runs, an operation that costs more than `maxCost`. */
export function costLimitPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return Promise.resolve();
          const cost = operationCost(schema, document, operation, request.variables);
          if (cost <= maxCost) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(
              `Operation cost ${cost} exceeds the limit of ${maxCost}: ask for smaller pages or fewer fields`,
              { extensions: { code: 'BAD_USER_INPUT', cost, maxCost, http: { status: 400 } } },
            ),
          );
        },
      });
    },
  };
}
