import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { Logger as PinoLogger } from 'nestjs-pino';

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? '');
}

/** One line the service logged: its level, structured fields, message and context. */
export interface CapturedLine {
  readonly level: 'log' | 'warn' | 'error' | 'debug' | 'verbose' | 'fatal';
  readonly fields: Record<string, unknown>;
  readonly message: string;
  readonly context?: string;
}

export interface LogCapture {
  readonly lines: CapturedLine[];
  /** The lines carrying this `event` field (the events log-based metrics count). */
  events(event: string): CapturedLine[];
  /** The application's own logger again. */
  restore(): void;
}

/**
 * Records what the service logs through Nest's Logger (every `new Logger(Class.name)`), as
 * structured fields, from now until `restore`: in-process tests read log events without
 * parsing stdout.
 */
export function captureLogs(app: INestApplication): LogCapture {
  const lines: CapturedLine[] = [];
  const record =
    (level: CapturedLine['level']) =>
    (message: unknown, ...params: unknown[]): void => {
      const [text, context] = params.length >= 2 ? params : [undefined, params[0]];
      const structured = typeof message === 'object' && message !== null;
      lines.push({
        level,
        fields: structured ? (message as Record<string, unknown>) : {},
        message: textOf(structured ? text : message),
        ...(typeof context === 'string' ? { context } : {}),
      });
    };
  const recorder: LoggerService = {
    log: record('log'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
    verbose: record('verbose'),
    fatal: record('fatal'),
  };
  Logger.overrideLogger(recorder);
  return {
    lines,
    events: (event) => lines.filter((l) => l.fields.event === event),
    restore: () => app.useLogger(app.get(PinoLogger)),
  };
}
