import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundEnvelope } from "./message-sender.js";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WebhookSender, webhookSignature } from "./webhook.sender.js";

const SECRET = "a-webhook-secret-of-at-least-32-characters";

const envelope: OutboundEnvelope = {
  messageId: "0b6f3f5e-9d1c-4a57-8a47-2d6c1f0e9a11",
  channel: "SMS",
  to: "+15550100",
  template: "sms-reminder.v1",
  subject: null,
  body: "Hi Ada, your payment of $350.00 was due on 31 May 2025.",
};

describe("the webhook sender, against a local HTTP server", () => {
  let server: Server;
  let url: string;
  /** The statuses the server answers with, in order; the last one repeats. */
  let answers: number[] = [];
  let received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => {
        body += c.toString();
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answers[Math.min(received.length - 1, answers.length - 1)] ?? 200;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    answers = [];
    received = [];
  });

  const sender = (retries = 3, timeoutMs = 2000) =>
    new WebhookSender({ url, secret: SECRET, timeoutMs, retries, backoffMs: 10 });

  it("posts the message signed with HMAC-SHA256 over the timestamp and the exact body", async () => {
    answers = [202];
    expect(await sender().deliver(envelope)).toEqual({ delivered: true });
    expect(received).toHaveLength(1);
    const [call] = received as [(typeof received)[0]];
    expect(JSON.parse(call.body)).toEqual(envelope);
    expect(call.headers["idempotency-key"]).toBe(envelope.messageId);
    const timestamp = call.headers[TIMESTAMP_HEADER] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(call.headers[SIGNATURE_HEADER]).toBe(webhookSignature(SECRET, timestamp, call.body));
    // The receiver's check fails for another secret or an altered body.
    expect(call.headers[SIGNATURE_HEADER]).not.toBe(webhookSignature(`${SECRET}x`, timestamp, call.body));
    expect(call.headers[SIGNATURE_HEADER]).not.toBe(
      webhookSignature(SECRET, timestamp, call.body.replace("350", "35")),
    );
  });

  it("retries after a 500 and delivers on the next answer, with the same idempotency key", async () => {
    answers = [500, 200];
    expect(await sender().deliver(envelope)).toEqual({ delivered: true });
    expect(received).toHaveLength(2);
    expect(received.map((r) => r.headers["idempotency-key"])).toEqual([
      envelope.messageId,
      envelope.messageId,
    ]);
  });

  it("fails for good on a 400 without retrying", async () => {
    answers = [400];
    expect(await sender().deliver(envelope)).toEqual({
      delivered: false,
      permanent: true,
      error: "webhook answered 400 Bad Request",
    });
    expect(received).toHaveLength(1);
  });

  it("reports a temporary failure after its retries when the server keeps failing", async () => {
    answers = [503];
    expect(await sender(2).deliver(envelope)).toEqual({
      delivered: false,
      permanent: false,
      error: "webhook answered 503 Service Unavailable (after 3 tries)",
    });
    expect(received).toHaveLength(3);
  });

  it("treats an unreachable endpoint as temporary", async () => {
    const closed = new WebhookSender({
      url: "http://127.0.0.1:1/messages",
      secret: SECRET,
      timeoutMs: 500,
      retries: 1,
      backoffMs: 10,
    });
    const result = await closed.deliver(envelope);
    expect(result).toMatchObject({ delivered: false, permanent: false });
    expect(result.delivered ? "" : result.error).toMatch(/^webhook unreachable: .*\(after 2 tries\)$/);
  });
});
