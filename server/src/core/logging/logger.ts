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

export function createLogger(name = "creditpath") {
  return pino({
    name,
    level: config().logLevel,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  });
}

export const logger = createLogger();
export type Logger = typeof logger;
