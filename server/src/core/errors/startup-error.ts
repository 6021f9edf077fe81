/**
 * A start-up failure we recognise: what went wrong and how to fix it, in words for the person at the terminal.
 * Start-up scripts print `message` and `fix` on their own lines and keep the stack for the log file.
 */
export class StartupError extends Error {
  /** The system error code behind it where one applies (EADDRINUSE for a taken port). */
  readonly code?: string;

  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(message, options);
    this.name = "StartupError";
    this.code = options?.code;
  }
}

const codeOf = (err: unknown): string | undefined =>
  typeof err === "object" && err !== null && "code" in err
    ? String((err as { code: unknown }).code)
    : undefined;

/**
 * Turns a system error that commonly ends a start-up (disk full, permissions, a port taken) into a
 * StartupError; anything else comes back unchanged.
 */
export function explainStartupFailure(err: unknown): unknown {
  if (err instanceof StartupError) return err;
  const code = codeOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case "ENOSPC":
      return new StartupError(
        `The disk is full (${detail}).`,
        "Free some space (the embedded database and the model need a few hundred MB) and start again.",
        { cause: err },
      );
    case "EACCES":
    case "EPERM":
      return new StartupError(
        `Permission denied (${detail}).`,
        "Run from a folder your user can write, or point CREDITPATH_PG_DIR / CREDITPATH_MODEL_DIR at one.",
        { cause: err },
      );
    case "EADDRINUSE":
      return new StartupError(
        `A port is already in use (${detail}).`,
        "Stop the program that holds it, or set PORT / WEB_PORT / CREDITPATH_PG_PORT to a free port.",
        { cause: err, code },
      );
    default:
      return err;
  }
}
