import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { AppConfig } from '../config/app-config';
import { costLimitPlugin } from './graphql-cost';
import { KnownOperationTypesRule, nullWhereRequiredPlugin } from './graphql-operation-checks';
import { MAX_VARIABLE_DEPTH, wellFormedInputPlugin } from './well-formed-input';

/** Directives an operation may carry; ours need a handful (@include, @skip). */
const MAX_DIRECTIVES = 20;

/**
 * What may be asked: bounds on tokens (while parsing), depth, aliases and directives
 * (graphql-armor's validation rules), cost (ours: it reads page sizes from variables too)
 * and the variables' depth and list sizes, so one request cannot make the server do
 * unbounded work. Every rejection is an
 * HTTP 400 before any resolver runs.
 */
export function graphqlLimits(config: AppConfig): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
} {
  const {
    GRAPHQL_MAX_DEPTH,
    GRAPHQL_MAX_ALIASES,
    GRAPHQL_MAX_COST,
    GRAPHQL_MAX_TOKENS,
    MAX_PLAYERS_PER_BATCH,
    MAX_PREDICTIONS_PER_STAGE,
  } = config.values;
  const { plugins, validationRules } = new ApolloArmor({
    // graphql-js counts tokens itself (a parse error, 400); armor's plugin would answer 500.
    maxTokens: { enabled: false },
    // armor's cost multiplies literal page sizes only; ours sees variables as well.
    costLimit: { enabled: false },
    maxDepth: { n: GRAPHQL_MAX_DEPTH },
    maxAliases: { n: GRAPHQL_MAX_ALIASES },
    maxDirectives: { n: MAX_DIRECTIVES },
    // "Did you mean ...?" would reveal the schema that disabled introspection hides.
    blockFieldSuggestion: { enabled: !config.introspectionEnabled },
  }).protect();
  return {
    plugins: [
      ...plugins,
      costLimitPlugin(GRAPHQL_MAX_COST),
      wellFormedInputPlugin({
        maxDepth: MAX_VARIABLE_DEPTH,
        // Twice the longest list a mutation accepts: a list just over its limit gets that
        // limit's own message from the resolver; a far longer one is not even coerced.
        maxItems: 2 * Math.max(MAX_PLAYERS_PER_BATCH, MAX_PREDICTIONS_PER_STAGE),
      }),
      nullWhereRequiredPlugin(),
    ],
    validationRules: [...validationRules, KnownOperationTypesRule],
    parseOptions: { maxTokens: GRAPHQL_MAX_TOKENS },
  };
}
