import { Controller, Get, Header } from '@nestjs/common';
import { Metrics } from './metrics';

/**
 * Prometheus' scrape endpoint. Like every HTTP route but the probes, it needs a credential
 * when authentication is on (GraphqlAuthGuard): an API key, e.g. as a bearer token.
 */
/** Prometheus' text exposition format (prom-client's Registry.PROMETHEUS_CONTENT_TYPE). */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
