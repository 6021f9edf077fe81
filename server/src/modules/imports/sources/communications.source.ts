import type { ImportSource } from "../import-source.js";
import {
  CHANNEL_SYNONYMS,
  CHANNELS,
  DIRECTION_SYNONYMS,
  DIRECTIONS,
  OUTCOME_SYNONYMS,
  OUTCOMES,
} from "./code-synonyms.js";
import { derivedKey, emptyAs, type FieldValue, lowerCase } from "./source-kit.js";

const seconds = (from: FieldValue, to: FieldValue) =>
  typeof from === "string" && typeof to === "string"
    ? Math.round((Date.parse(to) - Date.parse(from)) / 1000)
    : undefined;

/**
 * The contact log: calls, messages and visits per borrower, optionally about one loan, optionally by an
 * agent (who must exist: import the roster first). Without a communication_id column each row's key is
 * derived from its borrower, start, channel and direction, so re-importing the file is harmless.
 */
export const communicationsSource: ImportSource = {
  name: "communications",
  description:
    "Contact log: calls, messages, visits (borrower_id, channel, outcome, started_at, agent_email)",
  fields: [
    {
      field: "communicationId",
      header: "communication_id",
      type: "text",
      description: "your key; none: derived",
    },
    {
      field: "borrowerKey",
      header: "borrower_id",
      type: "text",
      required: true,
      description: "the borrower's key",
    },
    { field: "loanKey", header: "loan_id", type: "text", description: "the loan it was about" },
    { field: "agentEmail", header: "agent_email", type: "text", description: "a user of ours (the roster)" },
    {
      field: "channel",
      header: "channel",
      type: "enum",
      required: true,
      allowed: CHANNELS,
      values: CHANNEL_SYNONYMS,
    },
    {
      field: "direction",
      header: "direction",
      type: "enum",
      allowed: DIRECTIONS,
      values: DIRECTION_SYNONYMS,
      description: "empty: OUTBOUND",
    },
    {
      field: "outcome",
      header: "outcome",
      type: "enum",
      required: true,
      allowed: OUTCOMES,
      values: OUTCOME_SYNONYMS,
    },
    { field: "startedAt", header: "started_at", type: "datetime", required: true },
    { field: "endedAt", header: "ended_at", type: "datetime" },
    {
      field: "durationSeconds",
      header: "duration_seconds",
      type: "int",
      min: 0,
      max: 7 * 24 * 3600,
      suffixes: ["seconds", "secs", "sec", "s"],
      description: "empty: from started_at to ended_at",
    },
    { field: "notes", header: "notes", type: "text" },
  ],
  key: (r) => (typeof r.communicationId === "string" ? `${r.borrowerKey}/${r.communicationId}` : undefined),
  check(r) {
    const span = seconds(r.startedAt, r.endedAt);
    if (span !== undefined && span < 0)
      return [{ field: "endedAt", message: `ends at ${r.endedAt}, before it started at ${r.startedAt}` }];
    return [];
  },
  toEntities(r, ctx) {
    const direction = emptyAs(r.direction, "OUTBOUND");
    const externalKey =
      typeof r.communicationId === "string"
        ? r.communicationId
        : derivedKey(ctx, String(r.borrowerKey), [r.startedAt, r.channel, direction ?? "OUTBOUND"]);
    return {
      communication: [
        {
          borrowerKey: r.borrowerKey,
          loanKey: r.loanKey,
          agentEmail: lowerCase(r.agentEmail),
          externalKey,
          channel: r.channel,
          direction,
          outcome: r.outcome,
          startedAt: r.startedAt,
          endedAt: r.endedAt,
          durationSeconds: r.durationSeconds ?? seconds(r.startedAt, r.endedAt),
          notes: r.notes,
        },
      ],
    };
  },
};
