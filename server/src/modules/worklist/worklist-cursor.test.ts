import { describe, expect, it } from "vitest";
import { decodeWorklistCursor, encodeWorklistCursor } from "./worklist-cursor.js";

describe("worklist cursors", () => {
  const position = {
    priority: 2,
    recoveryKey: "-1234.56",
    dueAt: new Date("2026-12-01T09:30:00.123Z"),
    id: "0b6f3c4e-2a1d-4e8f-9c7b-5d6e7f8a9b0c",
  };

  it("give back the position they were made from", () => {
    expect(decodeWorklistCursor(encodeWorklistCursor(position))).toEqual(position);
  });

  it("refuse anything else, naming the argument and where a cursor comes from", () => {
    const foreign = Buffer.from(JSON.stringify([5, "0b6f3c4e-2a1d-4e8f-9c7b-5d6e7f8a9b0c"])).toString(
      "base64url",
    );
    const badDate = Buffer.from(JSON.stringify(["w2", 2, "1", "yesterday", position.id])).toString(
      "base64url",
    );
    const badKey = Buffer.from(
      JSON.stringify(["w2", 2, "1; DROP TABLE", position.dueAt.toISOString(), position.id]),
    ).toString("base64url");
    // A cursor of the order before expected recovery was a key: its page would be wrong, so it is refused.
    const older = Buffer.from(JSON.stringify(["w1", 2, position.dueAt.toISOString(), position.id])).toString(
      "base64url",
    );
    for (const cursor of ["", "%%%", foreign, badDate, badKey, older]) {
      expect(() => decodeWorklistCursor(cursor)).toThrow(
        /after: .* is not a worklist cursor: pass an edge's cursor/,
      );
    }
  });
});
