import path from "node:path";
import { fileURLToPath } from "node:url";

// This file sits at server/{src,dist}/core/config/: four levels below the repository root either way.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export function fromRepoRoot(p: string): string {
  return path.isAbsolute(p) ? p : path.resolve(repoRoot, p);
}
