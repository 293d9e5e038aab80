import { Controller, Get, HttpCode, Logger, ServiceUnavailableException } from '@nestjs/common';
import { WarehouseClient } from '../warehouse/warehouse-client';

@Controller()
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(private readonly warehouse: WarehouseClient) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Readiness: the warehouse answers a trivial query. */
  @Get('readyz')
  async ready(): Promise<{ status: string; engine: string }> {
    try {
      await this.warehouse.query({
        sql: 'SELECT 1 AS ok',
        params: {},
        job: { operation: 'readiness' },
      });
      return { status: 'ready', engine: this.warehouse.dialect.engine };
    } catch (error) {
      this.logger.warn({ err: error }, 'readiness check failed');
      throw new ServiceUnavailableException('warehouse unavailable');
    }
  }
}
