import type { PortfolioKind } from "../../server/src/generated/prisma/enums.js";
import type { ImportSource, PortfolioInfo } from "../../server/src/modules/imports/import-source.js";
import { parsePortfolioKind } from "../../server/src/modules/portfolio/portfolio-kind.js";

export interface TargetOptions {
  portfolio?: string;
  asOf?: string;
  kind?: string;
}

/**
 * Where `npm run import` puts a file: the named portfolio (its source is the importer's name, which the
 * portfolio_kind migration relies on) or the source's own, and the kind asked for with --kind, if any.
 */
export function importTarget(
  sourceName: string,
  source: ImportSource,
  opts: TargetOptions,
): { portfolio: PortfolioInfo | undefined; kind: PortfolioKind | undefined } {
  if (source.global && (opts.portfolio || opts.asOf || opts.kind))
    throw new Error(`${sourceName} records belong to no portfolio: drop --portfolio, --as-of and --kind`);
  let portfolio: PortfolioInfo | undefined = source.defaultPortfolio;
  if (opts.portfolio || opts.asOf) {
    if (!opts.portfolio || !opts.asOf) throw new Error("--portfolio and --as-of go together");
    portfolio = { name: opts.portfolio, source: sourceName, asOfDate: opts.asOf };
  }
  return { portfolio, kind: opts.kind === undefined ? undefined : parsePortfolioKind(opts.kind) };
}
