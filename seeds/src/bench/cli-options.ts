import { InvalidArgumentError } from "commander";

/** A commander parser for a whole number >= 1 ("100_000" reads as 100000). */
export function positiveInt(what: string) {
  return (v: string) => {
    const n = Number(v.replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what} must be a whole number >= 1`);
    return n;
  };
}

/** A commander parser for `--parts a,b`: each a known part of the benchmark. */
export function partList<P extends string>(known: readonly P[]) {
  return (v: string): P[] => {
    const parts = v.split(",").map((p) => p.trim());
    const unknown = parts.filter((p) => !(known as readonly string[]).includes(p));
    if (unknown.length > 0)
      throw new InvalidArgumentError(`--parts takes a comma list of ${known.join(", ")} (got "${v}")`);
    return parts as P[];
  };
}
