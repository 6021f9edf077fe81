import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageSize, toPage, withNodes } from "./cursor-page.js";

describe("cursor pages", () => {
  it("reads back the position a cursor was made from", () => {
    for (const position of [
      { key: "-Infinity", id: "a" },
      { key: 35, id: "b" },
      { key: null, id: "c" },
      { key: "2025-07-01 02:00:00.123+00", id: "d" },
    ]) {
      expect(decodeCursor(encodeCursor(position))).toEqual(position);
    }
  });

  it("refuses a cursor that is not one of ours, naming it", () => {
    for (const bad of [
      "nope",
      Buffer.from("[1]").toString("base64url"),
      Buffer.from('{"a":1}').toString("base64url"),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(`after: "${bad}" is not a cursor of this list`);
    }
  });

  it("takes page sizes from 1 to 200, 25 when none is given", () => {
    expect(pageSize(undefined)).toBe(25);
    expect(pageSize(200)).toBe(200);
    for (const bad of [0, 201, 2.5]) expect(() => pageSize(bad)).toThrow(/first must be between 1 and 200/);
  });

  it("keeps the first rows, says whether more follow, and counts only when asked", async () => {
    let counted = 0;
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, k: n }));
    const page = toPage(
      rows,
      2,
      (r) => ({ key: r.k, id: r.id }),
      (r) => r.id,
      async () => ++counted,
    );
    expect(page.nodes).toEqual(["r1", "r2"]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0]?.cursor,
      endCursor: page.edges[1]?.cursor,
    });
    expect(decodeCursor(page.pageInfo.endCursor as string)).toEqual({ key: 2, id: "r2" });
    expect(counted).toBe(0);
    expect(await page.totalCount).toBe(1);
    const last = toPage(
      rows,
      3,
      (r) => ({ key: r.k, id: r.id }),
      (r) => r.k,
      async () => 3,
    );
    expect(last.pageInfo.hasNextPage).toBe(false);
    const mapped = withNodes(last, ["a", "b", "c"]);
    expect(mapped.edges.map((e) => [e.cursor, e.node])).toEqual(
      last.edges.map((e, i) => [e.cursor, "abc"[i]]),
    );
    expect(await mapped.totalCount).toBe(3);
  });
});
