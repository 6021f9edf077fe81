import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

// The production build's size budget (issue 13): the sign-in and worklist chunks hold no Plotly, and the
// JavaScript a signed-in agent's first page (the worklist) loads stays under 350 kB gzipped. No browser: it
// reads the build Vite wrote to web/dist and the manifest that says which chunk statically imports which.

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const MANIFEST = path.join(DIST, ".vite", "manifest.json");
const BUDGET_BYTES = 350 * 1000;
// A class Plotly puts on every plot it draws: in its code, and in nothing of ours (the chart wrapper only holds
// the path of Plotly's chunk, which the manifest check below covers).
const PLOTLY_SIGNATURE = "js-plotly-plot";
const PLOTLY_SOURCE = "plotly.js-cartesian-dist-min";

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function readManifest(): Manifest {
  if (!existsSync(MANIFEST)) {
    throw new Error(
      `${MANIFEST} is missing: build the portal first (npm run build -w web; vite.config.ts sets build.manifest)`,
    );
  }
  return JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;
}

/** The manifest keys a chunk loads before it runs: itself and its static imports, transitively. */
function staticClosure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (chunk === undefined) throw new Error(`the manifest names ${key} as an import but has no entry for it`);
  seen.add(key);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, seen);
  return seen;
}

const filesOf = (manifest: Manifest, keys: Iterable<string>) =>
  [...new Set([...keys].map((k) => manifest[k]?.file ?? k))].filter((f) => f.endsWith(".js"));

const read = (file: string) => readFileSync(path.join(DIST, file));
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

function entryKey(manifest: Manifest): string {
  const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
  expect(
    entries.map(([k]) => k),
    "the build has one entry (index.html)",
  ).toHaveLength(1);
  return (entries[0] as [string, ManifestChunk])[0];
}

/** The lazy page chunks built from sources whose path contains `part`. */
function pageChunks(manifest: Manifest, part: string): string[] {
  return Object.entries(manifest)
    .filter(([key, c]) => c.isDynamicEntry && (c.src ?? key).includes(part))
    .map(([key]) => key);
}

function worklistChunks(manifest: Manifest): string[] {
  const keys = pageChunks(manifest, "modules/worklist");
  if (keys.length === 0) {
    throw new Error(
      "no lazy chunk built from web/src/modules/worklist/ in the manifest: the agent's home page (the worklist) " +
        "is not routed as a lazy() page in web/src/app/App.tsx, so its size cannot be measured",
    );
  }
  return keys;
}

function expectNoPlotly(manifest: Manifest, what: string, keys: Set<string>) {
  const plotlyKeys = [...keys].filter((k) => (manifest[k]?.src ?? k).includes(PLOTLY_SOURCE));
  expect(plotlyKeys, `${what} statically imports Plotly`).toEqual([]);
  const carrying = filesOf(manifest, keys).filter((f) => read(f).includes(PLOTLY_SIGNATURE));
  expect(carrying, `${what}: chunks with Plotly's code in them`).toEqual([]);
}

test("the Plotly signature the budget looks for is in Plotly's own chunk", () => {
  // Without this, a Plotly release that dropped the class would let the no-Plotly checks pass vacuously.
  const manifest = readManifest();
  const plotly = Object.entries(manifest).find(([k, c]) => (c.src ?? k).includes(PLOTLY_SOURCE));
  expect(plotly, `a chunk built from ${PLOTLY_SOURCE}`).toBeDefined();
  const [, chunk] = plotly as [string, ManifestChunk];
  expect(chunk.isDynamicEntry, "Plotly is loaded on demand, not with a page").toBe(true);
  expect(read(chunk.file).includes(PLOTLY_SIGNATURE)).toBe(true);
});

test("the sign-in page's JavaScript holds no Plotly", () => {
  const manifest = readManifest();
  // Sign-in is part of the entry chunk today; should it become a lazy page, its own chunk counts too.
  const keys = staticClosure(manifest, entryKey(manifest));
  for (const login of pageChunks(manifest, "modules/auth/")) staticClosure(manifest, login, keys);
  console.log(`sign-in: ${filesOf(manifest, keys).join(", ")}`);
  expectNoPlotly(manifest, "the sign-in page", keys);
});

test("the worklist page's chunks hold no Plotly", () => {
  const manifest = readManifest();
  const keys = new Set<string>();
  for (const key of worklistChunks(manifest)) staticClosure(manifest, key, keys);
  console.log(`worklist: ${filesOf(manifest, keys).join(", ")}`);
  expectNoPlotly(manifest, "the worklist page", keys);
});

test("a signed-in agent's first page loads under 350 kB of JavaScript, gzipped", () => {
  const manifest = readManifest();
  const keys = staticClosure(manifest, entryKey(manifest));
  for (const key of worklistChunks(manifest)) staticClosure(manifest, key, keys);

  const sizes = filesOf(manifest, keys).map((file) => {
    const raw = read(file);
    return { file, raw: raw.length, gzip: gzipSync(raw).length };
  });
  const total = sizes.reduce((s, f) => s + f.gzip, 0);
  const rawTotal = sizes.reduce((s, f) => s + f.raw, 0);
  console.log(
    [
      "JavaScript of an agent's first page (entry + worklist, with their static imports):",
      ...sizes
        .sort((a, b) => b.gzip - a.gzip)
        .map((f) => `  ${f.file}: ${kB(f.raw)} raw, ${kB(f.gzip)} gzipped`),
      `  total: ${kB(rawTotal)} raw, ${kB(total)} gzipped (budget ${kB(BUDGET_BYTES)})`,
    ].join("\n"),
  );
  expect(total, `gzipped JavaScript of an agent's first page, bytes`).toBeLessThan(BUDGET_BYTES);
});
