/**
 * A tree ensemble as the reason-code code needs it, independent of the library that trained it: flat node
 * arrays, each node either a split or a leaf, with the cover (training weight that reached it) that
 * path-dependent TreeSHAP uses as the background distribution.
 */
export interface SplitNode {
  kind: "split";
  feature: number;
  threshold: number;
  /** true: go left when x <= threshold (LightGBM); false: when x < threshold (XGBoost). */
  leftIfEqual: boolean;
  /** Where a missing value (NaN) goes. */
  missingLeft: boolean;
  left: number;
  right: number;
  cover: number;
}

export interface LeafNode {
  kind: "leaf";
  value: number;
  cover: number;
}

export type TreeNode = SplitNode | LeafNode;

export interface Tree {
  nodes: TreeNode[];
}

export interface TreeEnsemble {
  trees: Tree[];
  /** Added to the sum of the trees' outputs (raw margin, log-odds for binary classifiers). */
  baseScore: number;
  featureCount: number;
}

export function goesLeft(node: SplitNode, x: number): boolean {
  if (Number.isNaN(x)) return node.missingLeft;
  return node.leftIfEqual ? x <= node.threshold : x < node.threshold;
}

/** The ensemble's raw margin for one row. */
export function margin(model: TreeEnsemble, x: readonly number[]): number {
  let sum = model.baseScore;
  for (const tree of model.trees) {
    let i = 0;
    for (;;) {
      const node = tree.nodes[i] as TreeNode;
      if (node.kind === "leaf") {
        sum += node.value;
        break;
      }
      i = goesLeft(node, x[node.feature] as number) ? node.left : node.right;
    }
  }
  return sum;
}
