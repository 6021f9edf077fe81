import { randomUUID } from "node:crypto";
import pg from "pg";

/** The PostgreSQL channel every server process of one database listens on. */
export const EVENTS_CHANNEL = "creditpath_events";

/** The listening connection's application_name. */
export const LISTENER_NAME = "creditpath-events";

/**
 * The event this process's own subscribers get when its listening connection is back after a loss: whatever
 * the other processes published meanwhile was missed, so clients re-read what they show. It is not sent on.
 */
export const EVENTS_MISSED = "LIVE_EVENTS_MISSED";

export interface EventsMissed {
  /** When the listening connection was lost (ISO 8601). */
  lostAt: string;
  /** When it listened again (ISO 8601). */
  resumedAt: string;
}

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; the envelope's own bytes fit in the margin. */
export const MAX_NOTIFY_BYTES = 7900;

export interface EventLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PgEventTransport {
  /** Where NOTIFY statements go (a pooled connection, taken for one statement). */
  pool: pg.Pool;
  /** How to open the dedicated listening connection. */
  connection: pg.ClientConfig;
  log: EventLog;
  /** Reconnection delays: doubled after each failure, from `initialMs` up to `maxMs`. */
  backoff?: { initialMs: number; maxMs: number };
}

interface WireEvent {
  t: string;
  d: unknown;
}

/** One NOTIFY payload: the sending process, so it skips its own events, and a batch of events. */
interface Envelope {
  o: string;
  e: WireEvent[];
}

/**
 * Splits events into envelopes whose JSON stays under `maxBytes`, in order. An event too large to travel on
 * its own is returned apart: payloads are ids, so one that large is a publisher's mistake.
 */
export function packEnvelopes(
  origin: string,
  events: readonly WireEvent[],
  maxBytes = MAX_NOTIFY_BYTES,
): { payloads: string[]; oversized: WireEvent[] } {
  const payloads: string[] = [];
  const oversized: WireEvent[] = [];
  const head = Buffer.byteLength(JSON.stringify({ o: origin, e: [] } satisfies Envelope));
  let batch: string[] = [];
  let size = head;
  const flush = () => {
    if (batch.length > 0) payloads.push(`{"o":${JSON.stringify(origin)},"e":[${batch.join(",")}]}`);
    batch = [];
    size = head;
  };
  for (const e of events) {
    const json = JSON.stringify(e);
    const bytes = Buffer.byteLength(json);
    if (head + bytes > maxBytes) {
      oversized.push(e);
      continue;
    }
    // A comma between events.
    if (size + bytes + (batch.length > 0 ? 1 : 0) > maxBytes) flush();
    size += bytes + (batch.length > 0 ? 1 : 0);
    batch.push(json);
  }
  flush();
  return { payloads, oversized };
}

/**
 * An EventTarget whose events reach every server process on the same database, on this machine or another:
 * they are delivered to this process's subscribers at once, and sent to the others with PostgreSQL's NOTIFY
 * (the events of one turn of the event loop together, split under the payload limit: a rescoring publishes
 * many). One dedicated connection LISTENs, reconnecting with backoff when the database drops it; events sent
 * while it is down are not replayed (live updates are hints): once it listens again, this process's
 * subscribers get EVENTS_MISSED, so that clients re-read what they show.
 */
export class PgEventTarget extends EventTarget {
  private readonly origin = randomUUID();
  private outbox: WireEvent[] = [];
  private client: pg.Client | null = null;
  private started: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  private failures = 0;
  /** Set while listening is lost after having been in place: the start of the gap subscribers hear about. */
  private lostAt: Date | null = null;
  private readonly listening = new Map<string, number>();

  constructor(private readonly transport: PgEventTransport) {
    super();
  }

  override dispatchEvent(event: Event): boolean {
    const delivered = super.dispatchEvent(event);
    this.outbox.push({ t: event.type, d: (event as CustomEvent).detail });
    if (this.outbox.length === 1) setImmediate(() => void this.sendOutbox());
    return delivered;
  }

  override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
    super.addEventListener(...args);
    if (args[1]) this.listening.set(args[0], (this.listening.get(args[0]) ?? 0) + 1);
    // A subscriber needs the other processes' events: listening starts with the first one, if not before.
    void this.listen().catch(() => {});
  }

  override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
    super.removeEventListener(...args);
    if (args[1]) this.listening.set(args[0], Math.max(0, (this.listening.get(args[0]) ?? 0) - 1));
  }

  /**
   * How many listeners this process has on `type` (each live subscription holds one): a subscription is live
   * once its listener is here, which a caller can wait for instead of guessing how long that takes.
   */
  listenerCount(type: string): number {
    return this.listening.get(type) ?? 0;
  }

  /** Starts listening; resolves once the first LISTEN is in place (it keeps trying until then). */
  listen(): Promise<void> {
    this.started ??= new Promise<void>((resolve) => this.connect(resolve));
    return this.started;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.outbox.length > 0) await this.sendOutbox();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async sendOutbox(): Promise<void> {
    const events = this.outbox;
    this.outbox = [];
    if (events.length === 0) return;
    const { payloads, oversized } = packEnvelopes(this.origin, events);
    for (const e of oversized)
      this.transport.log.error(
        { topic: e.t, bytes: Buffer.byteLength(JSON.stringify(e)) },
        "an event too large for NOTIFY was delivered in this process only: publish ids, not objects",
      );
    if (payloads.length === 0) return;
    try {
      // One statement for the whole batch: its notifications are delivered together and in order.
      await this.transport.pool.query(
        "SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS x(p, n) ORDER BY n",
        [EVENTS_CHANNEL, payloads],
      );
    } catch (err) {
      // This process's subscribers already have them; the other processes miss this batch.
      this.transport.log.warn(
        { err: (err as Error).message, events: events.length },
        "live events could not be sent to the other server processes",
      );
    }
  }

  private receive(payload: string | undefined) {
    if (!payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return; // not ours
    }
    if (envelope.o === this.origin || !Array.isArray(envelope.e)) return;
    for (const e of envelope.e) super.dispatchEvent(new CustomEvent(e.t, { detail: e.d }));
  }

  private connect(onListening: () => void) {
    if (this.closed) return;
    const { connection } = this.transport;
    // Named, so that an operator (or a test) finds the listening connection in pg_stat_activity.
    const client = new pg.Client({
      ...connection,
      application_name: connection.application_name ?? LISTENER_NAME,
    });
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) {
        this.client = null;
        this.lostAt = new Date();
      }
      client.removeAllListeners("notification");
      void client.end().catch(() => {});
      if (this.closed) return;
      const { initialMs, maxMs } = this.transport.backoff ?? { initialMs: 250, maxMs: 30_000 };
      const delay = Math.min(maxMs, initialMs * 2 ** this.failures++);
      this.transport.log.warn(
        { err: err?.message ?? "connection ended", retryInMs: delay },
        "lost the live-events connection to the database: reconnecting",
      );
      this.retry = setTimeout(() => this.connect(onListening), delay);
    };
    client.on("notification", (msg) => this.receive(msg.payload));
    client.on("error", onLost);
    client.on("end", () => onLost());
    client
      .connect()
      .then(() => client.query(`LISTEN ${EVENTS_CHANNEL}`))
      .then(() => {
        if (lost) return;
        if (this.closed) {
          void client.end().catch(() => {});
          return;
        }
        this.client = client;
        if (this.failures > 0)
          this.transport.log.info({ channel: EVENTS_CHANNEL }, "listening for live events again");
        this.failures = 0;
        onListening();
        if (this.lostAt) {
          const missed: EventsMissed = {
            lostAt: this.lostAt.toISOString(),
            resumedAt: new Date().toISOString(),
          };
          this.lostAt = null;
          // Straight to this process's subscribers: the other processes have gaps of their own to report.
          super.dispatchEvent(new CustomEvent(EVENTS_MISSED, { detail: missed }));
        }
      })
      .catch((err: Error) => onLost(err));
  }
}
