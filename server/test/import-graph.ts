import { readdirSync } from "node:fs";
import path from "node:path";

/** Every module specifier a source file names: static imports and re-exports, side-effect and dynamic imports. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) if (m[1]) found.push(m[1]);
  return found;
}

/** The TypeScript sources under `dir` that ship (tests may compose anything to exercise a piece). */
export function shippedSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return shippedSources(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") && !e.name.includes("test-kit")
      ? [full]
      : [];
  });
}
