import type { Tree, TreeEnsemble } from "./tree-model.js";

// Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, algorithm 2): exact Shapley values of a tree's output,
// with the training covers standing in for the data distribution, in O(leaves x depth^2) per tree.
// Written over flat typed arrays with one preallocated path buffer per call (each recursion level copies
// the path into the next segment), because scoring a portfolio explains millions of rows.

interface FlatTree {
  feature: Int32Array; // -1 on leaves
  threshold: Float64Array;
  leftIfEqual: Uint8Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  maxDepth: number;
  expected: number;
}

function compile(tree: Tree): FlatTree {
  const n = tree.nodes.length;
  const t: FlatTree = {
    feature: new Int32Array(n),
    threshold: new Float64Array(n),
    leftIfEqual: new Uint8Array(n),
    missingLeft: new Uint8Array(n),
    left: new Int32Array(n),
    right: new Int32Array(n),
    value: new Float64Array(n),
    cover: new Float64Array(n),
    maxDepth: 0,
    expected: 0,
  };
  tree.nodes.forEach((node, i) => {
    t.cover[i] = node.cover;
    if (node.kind === "leaf") {
      t.feature[i] = -1;
      t.value[i] = node.value;
    } else {
      t.feature[i] = node.feature;
      t.threshold[i] = node.threshold;
      t.leftIfEqual[i] = node.leftIfEqual ? 1 : 0;
      t.missingLeft[i] = node.missingLeft ? 1 : 0;
      t.left[i] = node.left;
      t.right[i] = node.right;
    }
  });
  const walk = (j: number, d: number): number => {
    if (j < 0 || j >= n) throw new Error(`Tree references missing node ${j}`);
    t.maxDepth = Math.max(t.maxDepth, d);
    if (t.feature[j] === -1) return t.value[j] as number;
    const l = t.left[j] as number;
    const r = t.right[j] as number;
    return (
      (walk(l, d + 1) * (t.cover[l] as number) + walk(r, d + 1) * (t.cover[r] as number)) /
      ((t.cover[l] as number) + (t.cover[r] as number))
    );
  };
  t.expected = walk(0, 0);
  return t;
}

const compiled = new WeakMap<TreeEnsemble, FlatTree[]>();

function flat(model: TreeEnsemble): FlatTree[] {
  let trees = compiled.get(model);
  if (!trees) {
    trees = model.trees.map(compile);
    compiled.set(model, trees);
  }
  return trees;
}

/** The tree's output averaged over the training covers: its contribution when no feature is known. */
export function expectedValue(tree: Tree): number {
  return compile(tree).expected;
}

class PathBuffer {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
  constructor(size: number) {
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

function extend(p: PathBuffer, o: number, depth: number, zero: number, one: number, feature: number) {
  p.feature[o + depth] = feature;
  p.zero[o + depth] = zero;
  p.one[o + depth] = one;
  p.weight[o + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[o + i + 1] =
      (p.weight[o + i + 1] as number) + (one * (p.weight[o + i] as number) * (i + 1)) / (depth + 1);
    p.weight[o + i] = (zero * (p.weight[o + i] as number) * (depth - i)) / (depth + 1);
  }
}

function unwind(p: PathBuffer, o: number, depth: number, index: number) {
  const one = p.one[o + index] as number;
  const zero = p.zero[o + index] as number;
  let next = p.weight[o + depth] as number;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.weight[o + i] as number;
      p.weight[o + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - ((p.weight[o + i] as number) * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[o + i] = ((p.weight[o + i] as number) * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[o + i] = p.feature[o + i + 1] as number;
    p.zero[o + i] = p.zero[o + i + 1] as number;
    p.one[o + i] = p.one[o + i + 1] as number;
  }
}

function unwoundSum(p: PathBuffer, o: number, depth: number, index: number): number {
  const one = p.one[o + index] as number;
  const zero = p.zero[o + index] as number;
  let next = p.weight[o + depth] as number;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const w = (next * (depth + 1)) / ((i + 1) * one);
      total += w;
      next = (p.weight[o + i] as number) - (w * zero * (depth - i)) / (depth + 1);
    } else {
      total += ((p.weight[o + i] as number) * (depth + 1)) / (zero * (depth - i));
    }
  }
  return total;
}

function treeShap(t: FlatTree, x: readonly number[], phi: Float64Array, p: PathBuffer) {
  const recurse = (
    j: number,
    depth: number,
    parentOffset: number,
    zero: number,
    one: number,
    feature: number,
  ) => {
    // This level's path is a copy of the parent's, in the next segment of the buffer.
    const o = parentOffset + depth + 1;
    p.feature.copyWithin(o, parentOffset, parentOffset + depth + 1);
    p.zero.copyWithin(o, parentOffset, parentOffset + depth + 1);
    p.one.copyWithin(o, parentOffset, parentOffset + depth + 1);
    p.weight.copyWithin(o, parentOffset, parentOffset + depth + 1);
    extend(p, o, depth, zero, one, feature);
    const f = t.feature[j] as number;
    if (f === -1) {
      const v = t.value[j] as number;
      for (let i = 1; i <= depth; i++) {
        const fi = p.feature[o + i] as number;
        phi[fi] =
          (phi[fi] as number) +
          unwoundSum(p, o, depth, i) * ((p.one[o + i] as number) - (p.zero[o + i] as number)) * v;
      }
      return;
    }
    const xv = x[f] as number;
    const left = Number.isNaN(xv)
      ? t.missingLeft[j] === 1
      : t.leftIfEqual[j] === 1
        ? xv <= (t.threshold[j] as number)
        : xv < (t.threshold[j] as number);
    const hot = left ? (t.left[j] as number) : (t.right[j] as number);
    const cold = left ? (t.right[j] as number) : (t.left[j] as number);
    let incomingZero = 1;
    let incomingOne = 1;
    let d = depth;
    for (let k = 1; k <= d; k++) {
      if (p.feature[o + k] === f) {
        incomingZero = p.zero[o + k] as number;
        incomingOne = p.one[o + k] as number;
        unwind(p, o, d, k);
        d -= 1;
        break;
      }
    }
    const cover = t.cover[j] as number;
    recurse(hot, d + 1, o, (incomingZero * (t.cover[hot] as number)) / cover, incomingOne, f);
    // A cold child no training row reached (CatBoost has them) carries no path weight: nothing to add.
    if ((t.cover[cold] as number) > 0)
      recurse(cold, d + 1, o, (incomingZero * (t.cover[cold] as number)) / cover, 0, f);
  };
  // The root has no parent path: its segment starts the buffer (offset -1 + 0 + 1 = 0, nothing copied).
  recurse(0, 0, -1, 1, 1, -1);
}

export interface Attribution {
  /** Per feature, in the model's input order: its exact contribution to the raw margin. */
  contributions: Float64Array;
  /** The margin with no feature known; contributions sum with it to the row's margin. */
  expected: number;
}

export function explainTrees(model: TreeEnsemble, x: readonly number[]): Attribution {
  const trees = flat(model);
  const phi = new Float64Array(model.featureCount);
  const maxDepth = trees.reduce((m, t) => Math.max(m, t.maxDepth), 0) + 2;
  const p = new PathBuffer(((maxDepth + 1) * (maxDepth + 2)) / 2 + 1);
  let expected = model.baseScore;
  for (const t of trees) {
    treeShap(t, x, phi, p);
    expected += t.expected;
  }
  return { contributions: phi, expected };
}
