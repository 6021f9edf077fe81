import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importSpecifiers, shippedSources } from "../../test/import-graph.js";

// core/ is infrastructure that every module may use: if it imported a module (or the app that wires them),
// the modules could no longer be understood, tested or replaced one at a time.
const coreDir = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.dirname(coreDir);
const forbidden = ["modules", "app"].map((d) => path.join(srcDir, d) + path.sep);

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
    const violations = shippedSources(coreDir).flatMap((file) =>
      importSpecifiers(readFileSync(file, "utf8"))
        .filter((spec) => spec.startsWith("."))
        .map((spec) => path.resolve(path.dirname(file), spec))
        .filter((target) => forbidden.some((dir) => target.startsWith(dir)))
        .map((target) => `${path.relative(srcDir, file)} -> ${path.relative(srcDir, target)}`),
    );
    expect(violations).toEqual([]);
  });
});
