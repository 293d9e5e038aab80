import { Controller, Get, HttpCode, Logger, ServiceUnavailableException } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { WarehouseClient } from '../warehouse/warehouse-client';
import { WarehouseTelemetry } from '../warehouse/warehouse-telemetry';

@Controller()
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  /** One check at a time: probes that arrive meanwhile share its answer. */
  private checking: Promise<void> | undefined;

  constructor(
    private readonly warehouse: WarehouseClient,
    private readonly telemetry: WarehouseTelemetry,
    private readonly config: AppConfig,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /**
   * Readiness: the warehouse answers. A call of the service's own that succeeded within
   * READINESS_MAX_AGE_SECONDS says so at no cost; otherwise the engine is asked with a call
   * that runs no query job (BigQuery: the dataset's metadata; DuckDB: SELECT 1).
   */
  @Get('readyz')
  async ready(): Promise<{ status: string; engine: string }> {
    const engine = this.warehouse.dialect.engine;
    if (this.telemetry.answeredWithin(this.config.values.READINESS_MAX_AGE_SECONDS))
      return { status: 'ready', engine };
    try {
      this.checking ??= this.warehouse.ping().finally(() => (this.checking = undefined));
      await this.checking;
      return { status: 'ready', engine };
    } catch (error) {
      this.logger.warn({ err: error }, 'readiness check failed');
      throw new ServiceUnavailableException('warehouse unavailable');
    }
  }
}
