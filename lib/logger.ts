// JSON logs (pino) with secret-bearing fields redacted wherever they appear.
import { pino, type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'req.headers.authorization', 'req.headers.cookie',
  'credentials', '*.credentials', 'password', '*.password', 'secret', '*.secret',
  'token', '*.token', 'api_key', '*.api_key', 'access_token', '*.access_token',
  'refresh_token', '*.refresh_token', 'client_secret', '*.client_secret', 'code', '*.code_verifier',
];

export type { Logger };

export function createLogger(opts: { level?: string; name?: string; destination?: DestinationStream } = {}): Logger {
  const options = {
    level: opts.level ?? 'info',
    base: { service: opts.name ?? 'tributary' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}
