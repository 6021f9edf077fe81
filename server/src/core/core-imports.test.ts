import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// core/ is infrastructure that every module may use: if it imported a module (or the app that wires them),
// the modules could no longer be understood, tested or replaced one at a time.
const coreDir = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.dirname(coreDir);
const forbidden = ["modules", "app"].map((d) => path.join(srcDir, d) + path.sep);

/** Every module specifier a source file names: static imports and re-exports, side-effect and dynamic imports. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) if (m[1]) found.push(m[1]);
  return found;
}

function coreSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return coreSources(full);
    // Tests may compose the whole app to exercise a piece of core; the code that ships may not.
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

describe("core/", () => {
  it("finds every kind of import, so that the check below can fail", () => {
    const sample = [
      'import type { A } from "../../modules/a.js";',
      'import {\n  B,\n  C,\n} from "../../app/services.js";',
      'export { D } from "./d.js";',
      'import "reflect-metadata";',
      'const m = await import("../x.js");',
    ].join("\n");
    expect(importSpecifiers(sample)).toEqual(
      expect.arrayContaining([
        "../../modules/a.js",
        "../../app/services.js",
        "./d.js",
        "reflect-metadata",
        "../x.js",
      ]),
    );
  });

  it("imports no module and not the app", () => {
    const violations = coreSources(coreDir).flatMap((file) =>
      importSpecifiers(readFileSync(file, "utf8"))
        .filter((spec) => spec.startsWith("."))
        .map((spec) => path.resolve(path.dirname(file), spec))
        .filter((target) => forbidden.some((dir) => target.startsWith(dir)))
        .map((target) => `${path.relative(srcDir, file)} -> ${path.relative(srcDir, target)}`),
    );
    expect(violations).toEqual([]);
  });
});
