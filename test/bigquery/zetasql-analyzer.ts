import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ZetaSQLClient } from '@fivetrandevelopers/zetasql';
import type { LanguageFeature } from '@fivetrandevelopers/zetasql/lib/types/zetasql/LanguageFeature';
import type { LanguageOptionsProto } from '@fivetrandevelopers/zetasql/lib/types/zetasql/LanguageOptionsProto';
import type { ResolvedNodeKind } from '@fivetrandevelopers/zetasql/lib/types/zetasql/ResolvedNodeKind';
import type { SimpleCatalogProto } from '@fivetrandevelopers/zetasql/lib/types/zetasql/SimpleCatalogProto';
import type { TypeProto } from '@fivetrandevelopers/zetasql/lib/types/zetasql/TypeProto';
import type { SqlParam, Statement } from '../../src/warehouse/sql/statement';
import {
  col,
  isNumeric,
  type ColumnType,
  type TableDefinition,
} from '../../src/warehouse/table-definition';

/** Language features BigQuery's GoogleSQL has; what it lacks (RETURNING, nanosecond timestamps...) stays off. */
const BIGQUERY_FEATURES: readonly LanguageFeature[] = [
  'FEATURE_ANALYTIC_FUNCTIONS',
  'FEATURE_NUMERIC_TYPE',
  'FEATURE_BIGNUMERIC_TYPE',
  'FEATURE_JSON_TYPE',
  'FEATURE_JSON_VALUE_EXTRACTION_FUNCTIONS',
  'FEATURE_JSON_LAX_VALUE_EXTRACTION_FUNCTIONS',
  'FEATURE_JSON_CONSTRUCTOR_FUNCTIONS',
  'FEATURE_JSON_ARRAY_FUNCTIONS',
  'FEATURE_JSON_MUTATOR_FUNCTIONS',
  'FEATURE_PARAMETERIZED_TYPES',
  'FEATURE_INTERVAL_TYPE',
  'FEATURE_GEOGRAPHY',
  'FEATURE_TABLESAMPLE',
  'FEATURE_DISALLOW_GROUP_BY_FLOAT',
  'FEATURE_DML_UPDATE_WITH_JOIN',
  'FEATURE_TABLE_VALUED_FUNCTIONS',
  'FEATURE_GROUP_BY_ROLLUP',
  'FEATURE_NAMED_ARGUMENTS',
  'FEATURE_CREATE_TABLE_PARTITION_BY',
  'FEATURE_CREATE_TABLE_CLUSTER_BY',
  'FEATURE_CREATE_TABLE_NOT_NULL',
  'FEATURE_CREATE_TABLE_AS_SELECT_COLUMN_LIST',
  'FEATURE_CREATE_TABLE_LIKE',
  'FEATURE_CREATE_TABLE_COPY',
  'FEATURE_CREATE_TABLE_CLONE',
  'FEATURE_CREATE_SNAPSHOT_TABLE',
  'FEATURE_ALTER_COLUMN_SET_DATA_TYPE',
  'FEATURE_ALTER_TABLE_RENAME_COLUMN',
  'FEATURE_UNENFORCED_PRIMARY_KEYS',
  'FEATURE_V_1_1_ORDER_BY_COLLATE',
  'FEATURE_V_1_1_WITH_ON_SUBQUERY',
  'FEATURE_V_1_1_SELECT_STAR_EXCEPT_REPLACE',
  'FEATURE_V_1_1_ORDER_BY_IN_AGGREGATE',
  'FEATURE_V_1_1_CAST_DIFFERENT_ARRAY_TYPES',
  'FEATURE_V_1_1_LIMIT_IN_AGGREGATE',
  'FEATURE_V_1_1_HAVING_IN_AGGREGATE',
  'FEATURE_V_1_1_NULL_HANDLING_MODIFIER_IN_ANALYTIC',
  'FEATURE_V_1_1_NULL_HANDLING_MODIFIER_IN_AGGREGATE',
  'FEATURE_V_1_1_FOR_SYSTEM_TIME_AS_OF',
  'FEATURE_V_1_2_CIVIL_TIME',
  'FEATURE_V_1_2_SAFE_FUNCTION_CALL',
  'FEATURE_V_1_2_WEEK_WITH_WEEKDAY',
  'FEATURE_V_1_3_OMIT_INSERT_COLUMN_LIST',
  'FEATURE_V_1_3_NULLS_FIRST_LAST_IN_ORDER_BY',
  'FEATURE_V_1_3_ALLOW_DASHES_IN_TABLE_NAME',
  'FEATURE_V_1_3_WITH_RECURSIVE',
  'FEATURE_V_1_3_DECIMAL_ALIAS',
  'FEATURE_V_1_3_DATE_TIME_CONSTRUCTORS',
  'FEATURE_V_1_3_DATE_ARITHMETICS',
  'FEATURE_V_1_3_ADDITIONAL_STRING_FUNCTIONS',
  'FEATURE_V_1_3_EXTENDED_DATE_TIME_SIGNATURES',
  'FEATURE_V_1_3_EXTENDED_GEOGRAPHY_PARSERS',
  'FEATURE_V_1_3_INLINE_LAMBDA_ARGUMENT',
  'FEATURE_V_1_3_PIVOT',
  'FEATURE_V_1_3_UNPIVOT',
  'FEATURE_V_1_3_IS_DISTINCT',
  'FEATURE_V_1_3_FORMAT_IN_CAST',
  'FEATURE_V_1_3_QUALIFY',
  'FEATURE_V_1_3_REPEAT',
  'FEATURE_V_1_3_COLUMN_DEFAULT_VALUE',
  'FEATURE_V_1_3_FOR_IN',
  'FEATURE_V_1_3_LIKE_ANY_SOME_ALL',
  'FEATURE_V_1_3_CASE_STMT',
  'FEATURE_V_1_4_GROUPING_SETS',
  'FEATURE_V_1_4_GROUPING_BUILTIN',
];

/** Statement kinds the service may send: queries, DML (MERGE included) and the DDL it runs. */
const STATEMENT_KINDS: readonly ResolvedNodeKind[] = [
  'RESOLVED_QUERY_STMT',
  'RESOLVED_MERGE_STMT',
  'RESOLVED_INSERT_STMT',
  'RESOLVED_UPDATE_STMT',
  'RESOLVED_DELETE_STMT',
  'RESOLVED_CREATE_TABLE_STMT',
  'RESOLVED_CREATE_TABLE_AS_SELECT_STMT',
  'RESOLVED_DROP_STMT',
  'RESOLVED_ALTER_TABLE_STMT',
  'RESOLVED_BEGIN_STMT',
  'RESOLVED_COMMIT_STMT',
];

const LANGUAGE: LanguageOptionsProto = {
  productMode: 'PRODUCT_EXTERNAL',
  nameResolutionMode: 'NAME_RESOLUTION_DEFAULT',
  enabledLanguageFeatures: [...BIGQUERY_FEATURES],
  supportedStatementKinds: [...STATEMENT_KINDS],
};

/** The table options the DDL may use; an unknown one (a typo) is an error, as in BigQuery. */
const TABLE_OPTIONS = [
  { name: 'require_partition_filter', type: { typeKind: 'TYPE_BOOL' as const } },
  { name: 'partition_expiration_days', type: { typeKind: 'TYPE_DOUBLE' as const } },
  { name: 'expiration_timestamp', type: { typeKind: 'TYPE_TIMESTAMP' as const } },
  { name: 'description', type: { typeKind: 'TYPE_STRING' as const } },
];

const SCALARS: Record<Exclude<ColumnType, object>, TypeProto['typeKind']> = {
  STRING: 'TYPE_STRING',
  INT64: 'TYPE_INT64',
  FLOAT64: 'TYPE_DOUBLE',
  BOOL: 'TYPE_BOOL',
  DATE: 'TYPE_DATE',
  TIMESTAMP: 'TYPE_TIMESTAMP',
  JSON: 'TYPE_JSON',
};

export function typeProto(type: ColumnType, repeated = false): TypeProto {
  const scalar: TypeProto = { typeKind: isNumeric(type) ? 'TYPE_NUMERIC' : SCALARS[type] };
  return repeated ? { typeKind: 'TYPE_ARRAY', arrayType: { elementType: scalar } } : scalar;
}

function paramType(param: SqlParam): TypeProto {
  return typeProto(param.type, param.repeated === true || Array.isArray(param.value));
}

export interface WarehouseNames {
  readonly projectId: string;
  readonly datasetId: string;
}

const text = (...names: string[]) => names.map((name) => col(name, 'STRING'));

/** The INFORMATION_SCHEMA views the dialect reads (their columns that matter here). */
const INFORMATION_SCHEMA: readonly TableDefinition[] = [
  {
    name: 'TABLES',
    columns: [
      ...text(
        'table_catalog',
        'table_schema',
        'table_name',
        'table_type',
        'is_insertable_into',
        'ddl',
      ),
      col('creation_time', 'TIMESTAMP'),
    ],
  },
  {
    name: 'COLUMNS',
    columns: [
      ...text(
        'table_catalog',
        'table_schema',
        'table_name',
        'column_name',
        'is_nullable',
        'data_type',
      ),
      col('ordinal_position', 'INT64'),
      col('is_partitioning_column', 'STRING'),
      col('clustering_ordinal_position', 'INT64'),
    ],
  },
];

/**
 * The analyzer's view of the dataset: each table under its backticked `project.dataset.table`
 * name (how the dialect writes it) and the dataset's INFORMATION_SCHEMA views.
 */
export function catalogOf(
  names: WarehouseNames,
  tables: readonly TableDefinition[],
): SimpleCatalogProto {
  const simple = (name: string, table: TableDefinition) => ({
    name,
    column: table.columns.map((c) => ({
      name: c.name,
      type: typeProto(c.type, c.mode === 'REPEATED'),
    })),
  });
  return {
    name: 'bigquery',
    table: tables.map((t) => simple(`${names.projectId}.${names.datasetId}.${t.name}`, t)),
    catalog: [
      {
        name: names.projectId,
        catalog: [
          {
            name: names.datasetId,
            catalog: [
              {
                name: 'INFORMATION_SCHEMA',
                table: INFORMATION_SCHEMA.map((t) => simple(t.name, t)),
              },
            ],
          },
        ],
      },
    ],
    builtinFunctionOptions: { languageOptions: LANGUAGE },
  };
}

export class AnalysisError extends Error {}

/** ZetaSQL's local server, started on a free loopback port, and the catalogs registered on it. */
export class ZetaSqlAnalyzer {
  private readonly registered = new Map<string, string>();

  private constructor(private readonly server: ChildProcess) {}

  static async start(): Promise<ZetaSqlAnalyzer> {
    const port = await freeLoopbackPort();
    const server = spawn(serverBinary(), ['127.0.0.1', String(port)], { stdio: 'ignore' });
    const analyzer = new ZetaSqlAnalyzer(server);
    ZetaSQLClient.init(port);
    if (!(await ZetaSQLClient.getInstance().testConnection())) {
      analyzer.stop();
      throw new Error(`ZetaSQL server did not answer on 127.0.0.1:${port}`);
    }
    return analyzer;
  }

  stop(): void {
    this.server.kill('SIGKILL');
  }

  /** Registers a catalog once (big ones are not re-sent with every statement). */
  async register(key: string, catalog: SimpleCatalogProto): Promise<string> {
    const known = this.registered.get(key);
    if (known) return known;
    const response = await ZetaSQLClient.getInstance().registerCatalog({ simpleCatalog: catalog });
    const id = String(response?.registeredId ?? '');
    if (!id) throw new Error(`catalog ${key} was not registered`);
    this.registered.set(key, id);
    return id;
  }

  /** Resolves names, types and statement rules; throws AnalysisError with ZetaSQL's reason. */
  async analyze(catalogId: string, statement: Pick<Statement, 'sql' | 'params'>): Promise<void> {
    try {
      await ZetaSQLClient.getInstance().analyze({
        registeredCatalogId: catalogId,
        sqlStatement: statement.sql,
        options: {
          languageOptions: LANGUAGE,
          errorMessageMode: 'ERROR_MESSAGE_ONE_LINE',
          parameterMode: 'PARAMETER_NAMED',
          queryParameters: Object.entries(statement.params).map(([name, p]) => ({
            name,
            type: paramType(p),
          })),
          allowedHintsAndOptions: { disallowUnknownOptions: true, option: TABLE_OPTIONS },
        },
      });
    } catch (error) {
      const details =
        typeof error === 'object' && error !== null && 'details' in error
          ? String(error.details)
          : String(error);
      throw new AnalysisError(details);
    }
  }
}

function serverBinary(): string {
  const lib = dirname(require.resolve('@fivetrandevelopers/zetasql'));
  const suffix =
    (process.arch.startsWith('arm') ? '_arm' : '') + (process.platform === 'darwin' ? '' : '.so');
  return join(lib, 'zetasql', `remote_server${suffix}`);
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
