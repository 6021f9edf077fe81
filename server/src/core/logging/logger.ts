import pino from "pino";
import { config } from "../config/config.js";

// Personal data and secrets never reach the logs, whatever a caller passes in.
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "currentPassword",
  "*.currentPassword",
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "email",
  "*.email",
  "phone",
  "*.phone",
  "fullName",
  "*.fullName",
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  "req.headers.cookie",
];

/**
 * A URL without its query string. A query carries whatever a caller put in it (a GraphQL GET request carries
 * the operation and its variables: a password, once), so logs and error messages show the path only.
 */
export function withoutQuery(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

/** What a log line tells of a request (Fastify's own choice, but the path instead of the whole URL). */
interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

const serializers = {
  req: (req: LoggedRequest) => ({
    method: req.method,
    url: withoutQuery(req.url ?? ""),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

/** `destination`: where the lines go (standard output unless given; tests capture them). */
export function createLogger(name = "creditpath", destination?: pino.DestinationStream) {
  const options = {
    name,
    level: config().logLevel,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers,
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger();
export type Logger = typeof logger;
