import { describe, expect, it } from "vitest";
import {
  goesLeft,
  type LeafNode,
  margin,
  type SplitNode,
  type Tree,
  type TreeEnsemble,
  type TreeNode,
} from "./tree-model.js";
import { explainTrees } from "./tree-shap.js";

// An independent reference: Shapley values by enumerating every coalition, with E[f | x_S] computed by
// following known features and averaging over covers for unknown ones (the same value function TreeSHAP
// computes in polynomial time).
function conditional(tree: Tree, x: readonly number[], known: Set<number>, j = 0): number {
  const n = tree.nodes[j] as TreeNode;
  if (n.kind === "leaf") return n.value;
  if (known.has(n.feature))
    return conditional(tree, x, known, goesLeft(n, x[n.feature] as number) ? n.left : n.right);
  const l = tree.nodes[n.left] as TreeNode;
  const r = tree.nodes[n.right] as TreeNode;
  return (
    (conditional(tree, x, known, n.left) * l.cover + conditional(tree, x, known, n.right) * r.cover) /
    (l.cover + r.cover)
  );
}

function bruteForce(model: TreeEnsemble, x: readonly number[]): number[] {
  const n = model.featureCount;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & (1 << i)) continue;
      const s = new Set<number>();
      for (let f = 0; f < n; f++) if (mask & (1 << f)) s.add(f);
      const w = (fact(s.size) * fact(n - s.size - 1)) / fact(n);
      const withI = new Set(s).add(i);
      for (const t of model.trees)
        phi[i] = (phi[i] as number) + w * (conditional(t, x, withI) - conditional(t, x, s));
    }
  }
  return phi;
}

// A seeded random tree: splits on 4 features (repeats on a path included), covers that add up.
function randomTree(seed: number, depth: number): Tree {
  let a = seed;
  const rand = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const nodes: TreeNode[] = [];
  const build = (d: number, cover: number): number => {
    const id = nodes.length;
    if (d === 0 || rand() < 0.15) {
      nodes.push({ kind: "leaf", value: Math.round((rand() * 2 - 1) * 1000) / 1000, cover } as LeafNode);
      return id;
    }
    nodes.push({ kind: "leaf", value: 0, cover } as LeafNode); // placeholder, replaced below
    const share = 0.2 + rand() * 0.6;
    const left = build(d - 1, cover * share);
    const right = build(d - 1, cover * (1 - share));
    nodes[id] = {
      kind: "split",
      feature: Math.floor(rand() * 4),
      threshold: Math.round(rand() * 100) / 10,
      leftIfEqual: rand() < 0.5,
      missingLeft: rand() < 0.5,
      left,
      right,
      cover,
    } as SplitNode;
    return id;
  };
  build(depth, 1000);
  return { nodes };
}

describe("TreeSHAP", () => {
  it("matches exact Shapley values by enumeration on random trees, missing values included", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const model: TreeEnsemble = {
        trees: [randomTree(seed, 5), randomTree(seed + 100, 4)],
        baseScore: -1.2,
        featureCount: 4,
      };
      const x = [(seed % 10) + 0.5, Number.NaN, seed % 7, 4.2];
      const { contributions, expected } = explainTrees(model, x);
      const reference = bruteForce(model, x);
      for (let f = 0; f < 4; f++) expect(contributions[f]).toBeCloseTo(reference[f] as number, 10);
      // Local accuracy: the contributions and the expectation add up to the model's margin.
      const total = expected + contributions.reduce((s, c) => s + c, 0);
      expect(total).toBeCloseTo(margin(model, x), 10);
    }
  });

  it("gives nothing to a feature the trees never use", () => {
    const model: TreeEnsemble = { trees: [randomTree(7, 3)], baseScore: 0, featureCount: 6 };
    const { contributions } = explainTrees(model, [1, 2, 3, 4, 5, 6]);
    expect(contributions[4]).toBe(0);
    expect(contributions[5]).toBe(0);
  });

  it("stays exact when many rows replay memoised turn patterns, on trees too big for a numeric key", () => {
    // Depth 7 gives trees with more than 52 splits (string keys); 400 rows on a coarse grid repeat patterns,
    // and each row is still checked against enumeration, hits and misses alike.
    const model: TreeEnsemble = {
      trees: [randomTree(3, 7), randomTree(4, 7), randomTree(5, 2)],
      baseScore: 0.3,
      featureCount: 4,
    };
    const splits = model.trees.map((t) => t.nodes.filter((n) => n.kind === "split").length);
    expect(Math.max(...splits)).toBeGreaterThan(52);
    for (let r = 0; r < 400; r++) {
      const x = [r % 11, (r * 7) % 10, r % 3 === 0 ? Number.NaN : (r * 3) % 9, ((r * 13) % 100) / 10];
      const { contributions } = explainTrees(model, x);
      const reference = bruteForce(model, x);
      for (let f = 0; f < 4; f++) expect(contributions[f]).toBeCloseTo(reference[f] as number, 10);
    }
  });
});

describe("TreeSHAP on trees with branches no training row reached", () => {
  it("gives finite contributions that add up to the margin (CatBoost's oblivious trees have such branches)", () => {
    const model: TreeEnsemble = {
      trees: [
        {
          nodes: [
            {
              kind: "split",
              feature: 0,
              threshold: 5,
              leftIfEqual: true,
              missingLeft: true,
              left: 1,
              right: 2,
              cover: 10,
            },
            { kind: "leaf", value: 0.5, cover: 10 },
            {
              kind: "split",
              feature: 1,
              threshold: 1,
              leftIfEqual: true,
              missingLeft: true,
              left: 3,
              right: 4,
              cover: 0,
            },
            { kind: "leaf", value: 2, cover: 0 },
            { kind: "leaf", value: -2, cover: 0 },
          ] as TreeNode[],
        },
      ],
      baseScore: 0.1,
      featureCount: 2,
    };
    const { contributions, expected } = explainTrees(model, [1, 3]);
    expect([...contributions].every(Number.isFinite)).toBe(true);
    expect(expected + contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(margin(model, [1, 3]), 12);
  });
});
