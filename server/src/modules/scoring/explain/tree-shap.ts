import type { SplitNode, Tree, TreeEnsemble } from "./tree-model.js";
import { goesLeft } from "./tree-model.js";

// Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, algorithm 2): exact Shapley values of a tree's output,
// with the training covers standing in for the data distribution, in O(leaves x depth^2) per tree.

interface PathElement {
  feature: number;
  zero: number; // fraction of "cold" paths (feature absent) flowing through
  one: number; // fraction of "hot" paths (feature present)
  weight: number;
}

function extend(path: PathElement[], zero: number, one: number, feature: number): PathElement[] {
  const m = path.map((p) => ({ ...p }));
  const depth = m.length;
  m.push({ feature, zero, one, weight: depth === 0 ? 1 : 0 });
  for (let i = depth - 1; i >= 0; i--) {
    const e = m[i] as PathElement;
    (m[i + 1] as PathElement).weight += (one * e.weight * (i + 1)) / (depth + 1);
    e.weight = (zero * e.weight * (depth - i)) / (depth + 1);
  }
  return m;
}

function unwind(path: PathElement[], index: number): PathElement[] {
  const m = path.map((p) => ({ ...p }));
  const depth = m.length - 1;
  const { one, zero } = m[index] as PathElement;
  let next = (m[depth] as PathElement).weight;
  for (let i = depth - 1; i >= 0; i--) {
    const e = m[i] as PathElement;
    if (one !== 0) {
      const tmp = e.weight;
      e.weight = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (e.weight * zero * (depth - i)) / (depth + 1);
    } else {
      e.weight = (e.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    const a = m[i] as PathElement;
    const b = m[i + 1] as PathElement;
    a.feature = b.feature;
    a.zero = b.zero;
    a.one = b.one;
  }
  m.pop();
  return m;
}

/** Sum of the weights `unwind` would leave, without building the path (the leaf contribution's factor). */
function unwoundSum(path: PathElement[], index: number): number {
  const depth = path.length - 1;
  const { one, zero } = path[index] as PathElement;
  let next = (path[depth] as PathElement).weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    const e = path[i] as PathElement;
    if (one !== 0) {
      const w = (next * (depth + 1)) / ((i + 1) * one);
      total += w;
      next = e.weight - (w * zero * (depth - i)) / (depth + 1);
    } else {
      total += (e.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  return total;
}

function treeShap(tree: Tree, x: readonly number[], phi: Float64Array): void {
  const recurse = (j: number, path: PathElement[], zero: number, one: number, feature: number) => {
    const m = extend(path, zero, one, feature);
    const node = tree.nodes[j];
    if (!node) throw new Error(`Tree references missing node ${j}`);
    if (node.kind === "leaf") {
      for (let i = 1; i < m.length; i++) {
        const e = m[i] as PathElement;
        phi[e.feature] = (phi[e.feature] as number) + unwoundSum(m, i) * (e.one - e.zero) * node.value;
      }
      return;
    }
    const split = node as SplitNode;
    const hot = goesLeft(split, x[split.feature] as number) ? split.left : split.right;
    const cold = hot === split.left ? split.right : split.left;
    let incomingZero = 1;
    let incomingOne = 1;
    let current = m;
    const k = current.findIndex((e, i) => i > 0 && e.feature === split.feature);
    if (k > 0) {
      incomingZero = (current[k] as PathElement).zero;
      incomingOne = (current[k] as PathElement).one;
      current = unwind(current, k);
    }
    const cover = split.cover;
    const hotCover = (tree.nodes[hot] as { cover: number }).cover;
    const coldCover = (tree.nodes[cold] as { cover: number }).cover;
    recurse(hot, current, (incomingZero * hotCover) / cover, incomingOne, split.feature);
    recurse(cold, current, (incomingZero * coldCover) / cover, 0, split.feature);
  };
  recurse(0, [], 1, 1, -1);
}

/** The tree's output averaged over the training covers: its contribution when no feature is known. */
export function expectedValue(tree: Tree): number {
  const walk = (j: number): number => {
    const n = tree.nodes[j];
    if (!n) throw new Error(`Tree references missing node ${j}`);
    if (n.kind === "leaf") return n.value;
    const l = tree.nodes[n.left] as { cover: number };
    const r = tree.nodes[n.right] as { cover: number };
    return (walk(n.left) * l.cover + walk(n.right) * r.cover) / (l.cover + r.cover);
  };
  return walk(0);
}

export interface Attribution {
  /** Per feature, in the model's input order: its exact contribution to the raw margin. */
  contributions: Float64Array;
  /** The margin with no feature known; contributions sum with it to the row's margin. */
  expected: number;
}

export function explainTrees(model: TreeEnsemble, x: readonly number[]): Attribution {
  const phi = new Float64Array(model.featureCount);
  let expected = model.baseScore;
  for (const tree of model.trees) {
    treeShap(tree, x, phi);
    expected += expectedValue(tree);
  }
  return { contributions: phi, expected };
}
