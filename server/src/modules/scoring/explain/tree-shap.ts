import type { Tree, TreeEnsemble } from "./tree-model.js";

// Path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, algorithm 2): exact Shapley values of a tree's output,
// with the training covers standing in for the data distribution, in O(leaves x depth^2) per tree.
// Written over flat typed arrays with one preallocated path buffer per call (each recursion level copies
// the path into the next segment), because scoring a portfolio explains millions of rows.
//
// A tree's attributions are a function of which way the row goes at every split of the tree (the
// recursion visits every node and reads x only there), so they are memoised per tree under that pattern
// of turns. Real portfolios repeat patterns heavily (the 62,581 loans of the demo export show about 1,700
// distinct patterns per tree), and a hit replays the very numbers a miss computed: still exact, and
// identical to computing afresh.

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
  /** The split nodes, whose turns key the memo, with their tests laid out in that order. */
  splits: Int32Array;
  splitFeature: Int32Array;
  splitThreshold: Float64Array;
  /** 1: x <= threshold goes left (else x < threshold); 2: a missing value goes left. */
  splitRule: Uint8Array;
  memo: TreeMemo;
}

/**
 * Per-tree memo size; when full it starts over (bounded memory, no bookkeeping per hit). 40,000 loans of
 * the synthetic portfolio show about 2,100 patterns per tree (up to 7,600); at most about 100 MB for the
 * served 133-tree model.
 */
export const MEMO_PATTERNS_PER_TREE = 8192;

/** Numeric-key table slots: twice the patterns, so probes stay short when the memo is full. */
const TABLE_BITS = Math.ceil(Math.log2(MEMO_PATTERNS_PER_TREE)) + 1;

/**
 * A tree's memo: pattern -> slot of its stored attributions. Numeric keys (the common case) live in an
 * open-addressing table of [key, slot] pairs in one typed array, so a hit costs one probe into that array
 * and one read of the values: a Map of thousands of entries per tree cost several cache misses per tree
 * and row, which made memo hits slower than the arithmetic they save.
 */
class TreeMemo {
  /** The features the tree splits on: a pattern's attributions are stored for these only. */
  readonly used: Int32Array;
  /** [key, slot] per table entry; key -1 marks an empty entry (numeric keys are >= 0). */
  private table = new Int32Array(2 << TABLE_BITS).fill(-1);
  private large = new Map<string, number>();
  private count = 0;
  private values = new Float64Array(0);

  constructor(used: number[]) {
    this.used = Int32Array.from(used);
  }

  /** The slot of a numeric pattern, or -1. */
  find(key: number): number {
    const mask = (1 << TABLE_BITS) - 1;
    for (let e = Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS); ; e = (e + 1) & mask) {
      const k = this.table[2 * e] as number;
      if (k === key) return this.table[2 * e + 1] as number;
      if (k === -1) return -1;
    }
  }

  /** The slot of a string pattern (trees of more than 30 splits), or -1. */
  findLarge(key: string): number {
    return this.large.get(key) ?? -1;
  }

  /** Adds the attributions stored in a slot to phi. */
  addTo(slot: number, phi: Float64Array) {
    const k = this.used.length;
    const base = slot * k;
    for (let i = 0; i < k; i++) {
      const f = this.used[i] as number;
      phi[f] = (phi[f] as number) + (this.values[base + i] as number);
    }
  }

  store(key: number | string, contributions: Float64Array) {
    if (this.count >= MEMO_PATTERNS_PER_TREE) {
      // Full: start over (bounded memory, no bookkeeping per hit).
      this.table.fill(-1);
      this.large.clear();
      this.count = 0;
    }
    const k = this.used.length;
    const slot = this.count++;
    if ((slot + 1) * k > this.values.length) {
      const grown = new Float64Array(Math.min(MEMO_PATTERNS_PER_TREE, Math.max(64, slot * 2)) * k);
      grown.set(this.values.subarray(0, Math.min(this.values.length, grown.length)));
      this.values = grown;
    }
    for (let i = 0; i < k; i++) this.values[slot * k + i] = contributions[this.used[i] as number] as number;
    if (typeof key === "string") {
      this.large.set(key, slot);
      return;
    }
    const mask = (1 << TABLE_BITS) - 1;
    let e = Math.imul(key, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (this.table[2 * e] !== -1) e = (e + 1) & mask;
    this.table[2 * e] = key;
    this.table[2 * e + 1] = slot;
  }
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
    splits: new Int32Array(0),
    splitFeature: new Int32Array(0),
    splitThreshold: new Float64Array(0),
    splitRule: new Uint8Array(0),
    memo: new TreeMemo([]),
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
    const weighted = walk(l, d + 1) * (t.cover[l] as number) + walk(r, d + 1) * (t.cover[r] as number);
    const cover = (t.cover[l] as number) + (t.cover[r] as number);
    // A subtree no training row reached (CatBoost's oblivious trees have them) weighs nothing: 0, not 0/0.
    return cover > 0 ? weighted / cover : 0;
  };
  t.expected = walk(0, 0);
  const splits: number[] = [];
  const used = new Set<number>();
  tree.nodes.forEach((node, i) => {
    if (node.kind === "split") {
      splits.push(i);
      used.add(node.feature);
    }
  });
  t.splits = Int32Array.from(splits);
  t.splitFeature = Int32Array.from(splits, (j) => t.feature[j] as number);
  t.splitThreshold = Float64Array.from(splits, (j) => t.threshold[j] as number);
  t.splitRule = Uint8Array.from(
    splits,
    (j) => (t.leftIfEqual[j] as number) | ((t.missingLeft[j] as number) << 1),
  );
  t.memo = new TreeMemo([...used].sort((a, b) => a - b));
  return t;
}

function turnsLeft(t: FlatTree, j: number, x: ArrayLike<number>): boolean {
  const xv = x[t.feature[j] as number] as number;
  if (Number.isNaN(xv)) return t.missingLeft[j] === 1;
  return t.leftIfEqual[j] === 1 ? xv <= (t.threshold[j] as number) : xv < (t.threshold[j] as number);
}

/** The row's turn at split s (in the order of `splits`): 1 = left. */
function turn(t: FlatTree, s: number, x: ArrayLike<number>): number {
  const xv = x[t.splitFeature[s] as number] as number;
  const rule = t.splitRule[s] as number;
  if (Number.isNaN(xv)) return rule >> 1; // where missing values go
  const th = t.splitThreshold[s] as number;
  return (rule & 1 ? xv <= th : xv < th) ? 1 : 0;
}

/** The row's turns as one small integer, for trees of at most 30 splits (the common case; V8 hashes these fastest). */
function smallKey(t: FlatTree, x: ArrayLike<number>): number {
  const n = t.splits.length;
  let key = 0;
  for (let s = 0; s < n; s++) key = (key << 1) | turn(t, s, x);
  return key;
}

/** The row's turns for bigger trees: 30-bit groups joined in a string. */
function largeKey(t: FlatTree, x: ArrayLike<number>): string {
  const n = t.splits.length;
  let key = 0;
  let parts = "";
  for (let s = 0; s < n; s++) {
    key = (key << 1) | turn(t, s, x);
    if (s % 30 === 29) {
      parts += `${key},`;
      key = 0;
    }
  }
  return parts + key;
}

interface Compiled {
  trees: FlatTree[];
  // Work space reused by every call: explaining is synchronous, so calls never overlap.
  path: PathBuffer;
  scratch: Float64Array;
}

const compiled = new WeakMap<TreeEnsemble, Compiled>();

function flat(model: TreeEnsemble): Compiled {
  let c = compiled.get(model);
  if (!c) {
    const trees = model.trees.map(compile);
    const maxDepth = trees.reduce((m, t) => Math.max(m, t.maxDepth), 0) + 2;
    c = {
      trees,
      path: new PathBuffer(((maxDepth + 1) * (maxDepth + 2)) / 2 + 1),
      scratch: new Float64Array(model.featureCount),
    };
    compiled.set(model, c);
  }
  return c;
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

function treeShap(t: FlatTree, x: ArrayLike<number>, phi: Float64Array, p: PathBuffer) {
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
    const left = turnsLeft(t, j, x);
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
    // A child no training row reached (CatBoost's empty leaves) carries no path weight and is not visited,
    // hot or cold, as ml/'s TreeSHAP and CatBoost do: visiting it would divide its zero cover by its children's.
    if ((t.cover[hot] as number) > 0)
      recurse(hot, d + 1, o, (incomingZero * (t.cover[hot] as number)) / cover, incomingOne, f);
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

export function explainTrees(model: TreeEnsemble, x: ArrayLike<number>): Attribution {
  const { trees, path: p, scratch } = flat(model);
  const phi = new Float64Array(model.featureCount);
  let expected = model.baseScore;
  for (const t of trees) {
    expected += t.expected;
    let key: number | string;
    let slot: number;
    if (t.splits.length <= 30) {
      key = smallKey(t, x);
      slot = t.memo.find(key);
    } else {
      key = largeKey(t, x);
      slot = t.memo.findLarge(key);
    }
    if (slot >= 0) {
      t.memo.addTo(slot, phi);
      continue;
    }
    for (const f of t.memo.used) scratch[f] = 0;
    treeShap(t, x, scratch, p);
    t.memo.store(key, scratch);
    for (const f of t.memo.used) phi[f] = (phi[f] as number) + (scratch[f] as number);
  }
  return { contributions: phi, expected };
}
