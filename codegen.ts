// GraphQL Code Generator: a typed client of this service from schema.gql and the operations
// in client/operations (`npm run codegen` writes client/generated). Copy this file and the
// operations you use into a tool's repository, point `schema` at the service's schema.gql
// (or at its /graphql in development, where introspection is on) and generate there.
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The service's custom scalars as they travel in JSON. */
const scalars = {
  // A calendar day, YYYY-MM-DD (2026-01-30): a string both ways.
  Date: 'string',
  // An ISO-8601 instant; answers are in UTC (2026-01-30T18:00:00.000Z).
  DateTime: 'string',
  // Any JSON value: a business key, an event's payload.
  JSON: 'unknown',
};

const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['client/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'client/generated/': {
      preset: 'client',
      config: {
        scalars,
        strictScalars: true,
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
};

export default config;
