import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSpecifiers, shippedSources } from "../../test/import-graph.js";

// Modules depend on one another in one direction (the worklist on loans, loans on contact rules...): a cycle
// means neither side can be understood, tested or changed without the other.
const modulesDir = path.dirname(fileURLToPath(import.meta.url));

/** module -> the modules its shipped files import. */
function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of shippedSources(modulesDir)) {
    const from = path.relative(modulesDir, file).split(path.sep)[0] as string;
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const spec of importSpecifiers(readFileSync(file, "utf8"))) {
      if (!spec.startsWith(".")) continue;
      const rel = path.relative(modulesDir, path.resolve(path.dirname(file), spec));
      const to = rel.split(path.sep)[0] as string;
      if (!rel.startsWith("..") && to !== from && !to.endsWith(".js")) targets.add(to);
    }
  }
  return graph;
}

/** Each cycle of the graph, once, as the path that closes it. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === "open") found.add([...stack.slice(stack.indexOf(next)), next].join(" -> "));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...found];
}

describe("modules/", () => {
  it("finds a cycle when there is one, so that the check below can fail", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(cycles(graph)).toEqual(["a -> b -> c -> a"]);
  });

  it("import one another in one direction only: no cycle between modules", () => {
    const graph = moduleGraph();
    expect(graph.size).toBeGreaterThan(10);
    expect(cycles(graph)).toEqual([]);
  });
});
