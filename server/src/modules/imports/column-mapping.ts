import { z } from "zod";
import type { ColumnMapping, ImportSource } from "./import-source.js";

const byField = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

// Strict: a misspelt key ("column" for "columns") would otherwise be ignored and the mapping silently unused.
const mappingSchema = z.strictObject({
  $comment: z.string().optional(),
  columns: byField(z.string().min(1)).optional(),
  values: byField(z.record(z.string(), z.string())).optional(),
  defaults: byField(z.string()).optional(),
  nulls: z.array(z.string()).optional(),
  attributes: z.union([z.array(z.string().min(1)), z.literal("*")]).optional(),
  dateFormat: z.enum(["YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"]).optional(),
  delimiter: z.string().min(1).optional(),
  sheet: z.string().min(1).optional(),
});

export class ColumnMappingError extends Error {
  constructor(origin: string, problems: string[]) {
    super(`mapping ${origin}: ${problems.join("; ")}`);
    this.name = "ColumnMappingError";
  }
}

/** Validates a mapping read from JSON; `origin` (its file name) is named in every complaint. */
export function parseColumnMapping(json: unknown, origin: string): ColumnMapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new ColumnMappingError(
      origin,
      parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`),
    );
  }
  const { $comment: _comment, ...mapping } = parsed.data;
  return mapping;
}

/** The mapping's field names must be the source's: a typo would otherwise leave a column unread. */
export function mappingProblems(source: ImportSource, mapping: ColumnMapping): string[] {
  const known = new Set(source.fields.map((f) => f.field));
  const problems: string[] = [];
  for (const part of ["columns", "values", "defaults"] as const) {
    for (const field of Object.keys(mapping[part] ?? {})) {
      if (!known.has(field))
        problems.push(
          `${part} names "${field}", which is not a field of the ${source.name} source (fields: ${[...known].join(", ")})`,
        );
    }
  }
  if (mapping.attributes !== undefined && !source.keepsAttributes)
    problems.push(
      `the ${source.name} source has no attributes to keep extra columns in: remove "attributes"`,
    );
  return problems;
}
