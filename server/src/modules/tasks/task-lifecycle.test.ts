import { describe, expect, it } from "vitest";
import { canMove, transitionRefusal } from "./task-lifecycle.js";

describe("the task lifecycle", () => {
  it("goes open -> in progress -> done, and only unstarted work is cancelled", () => {
    expect(canMove("OPEN", "IN_PROGRESS")).toBe(true);
    expect(canMove("IN_PROGRESS", "DONE")).toBe(true);
    expect(canMove("OPEN", "CANCELLED")).toBe(true);
    expect(canMove("IN_PROGRESS", "CANCELLED")).toBe(false);
    expect(canMove("OPEN", "DONE")).toBe(false);
    expect(canMove("DONE", "IN_PROGRESS")).toBe(false);
    expect(canMove("CANCELLED", "DONE")).toBe(false);
  });

  it("names the task's state and what to do instead when refusing", () => {
    expect(transitionRefusal("t1", "OPEN", "IN_PROGRESS")).toBeNull();
    expect(transitionRefusal("t1", "CANCELLED", "DONE")).toBe(
      "Task t1 is cancelled and cannot become done: it is no longer needed: see the loan's current recommendation",
    );
    expect(transitionRefusal("t1", "OPEN", "DONE")).toContain("start it first");
    expect(transitionRefusal("t1", "DONE", "IN_PROGRESS")).toMatch(
      /^Task t1 is done and cannot become in progress/,
    );
  });
});
