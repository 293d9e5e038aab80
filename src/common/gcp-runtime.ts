import type { AppConfig, ServiceContext } from '../config/app-config';

/** What the logs need to know of where the service runs. */
export interface GcpRuntime {
  /** The project of the logs' trace field (projects/PROJECT/traces/TRACE), when known. */
  readonly projectId?: string;
  /** Where the project came from; `none` outside Google Cloud. */
  readonly projectSource: 'GOOGLE_CLOUD_PROJECT' | 'metadata server' | 'none';
  /** Why the project is unknown where it should be known (said once the logger exists). */
  readonly problem?: string;
  /** Error Reporting's service and version. */
  readonly serviceContext: ServiceContext;
}

const METADATA_TIMEOUT_MS = 3_000;
const PROJECT_ID = /^[a-z0-9][a-z0-9.:-]{1,62}$/;

/**
 * The project the service runs in: GOOGLE_CLOUD_PROJECT when set, else on Cloud Run
 * (K_SERVICE set) the metadata server's answer, as Google's client libraries find it.
 * Elsewhere no request is made (a laptop has no metadata server to wait for). Never
 * BIGQUERY_PROJECT: the dataset may be in another project than the service's logs.
 */
export async function detectGcpRuntime(config: AppConfig): Promise<GcpRuntime> {
  const { GOOGLE_CLOUD_PROJECT, K_SERVICE, GCE_METADATA_HOST } = config.values;
  const serviceContext = config.serviceContext;
  if (GOOGLE_CLOUD_PROJECT) {
    return {
      projectId: GOOGLE_CLOUD_PROJECT,
      projectSource: 'GOOGLE_CLOUD_PROJECT',
      serviceContext,
    };
  }
  if (!K_SERVICE) return { projectSource: 'none', serviceContext };
  try {
    const response = await fetch(
      `http://${GCE_METADATA_HOST}/computeMetadata/v1/project/project-id`,
      {
        headers: { 'Metadata-Flavor': 'Google' },
        signal: AbortSignal.timeout(METADATA_TIMEOUT_MS),
      },
    );
    const text = (await response.text()).trim();
    if (!response.ok || !PROJECT_ID.test(text))
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(text.slice(0, 80))}`);
    return { projectId: text, projectSource: 'metadata server', serviceContext };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      projectSource: 'none',
      problem: `the metadata server (${GCE_METADATA_HOST}) did not give the project (${why}): log traces carry no project; set GOOGLE_CLOUD_PROJECT`,
      serviceContext,
    };
  }
}
