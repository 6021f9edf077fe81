import type { EntityName, EntityRow } from "./bulk/entities.js";
import type { DateFormat, FieldType } from "./files/field-parsers.js";

export interface FieldSpec {
  /** Our name for the field; a mapping file can point it at another header. */
  field: string;
  /** The header expected by default. */
  header: string;
  type: FieldType;
  required?: boolean;
  /** Legal range: values outside it are rejected. */
  min?: number;
  max?: number;
  /** For enums: our codes, and source spellings mapped to them. */
  allowed?: readonly string[];
  values?: Record<string, string>;
  /** Legal but implausible: kept, and reported as a warning (an age of 144). */
  plausible?: { min?: number; max?: number };
  description?: string;
}

export type ParsedRecord = Record<string, string | number | boolean | null>;

export type EntityBatch = { [E in EntityName]?: EntityRow<E>[] };

export interface RowContext {
  line: number;
  /** 1-based position among the file's data rows. */
  rowNumber: number;
}

export interface PortfolioInfo {
  name: string;
  source: string;
  asOfDate: string;
  description?: string;
}

/** What a kind of file holds and how its rows become our records. */
export interface ImportSource {
  name: string;
  description: string;
  fields: readonly FieldSpec[];
  /** The record's identity within the file; a second row with the same key is reported as a duplicate. */
  key?: (record: ParsedRecord, ctx: RowContext) => string;
  toEntities(record: ParsedRecord, ctx: RowContext): EntityBatch;
  /** The portfolio the file belongs to when the caller does not name one. */
  defaultPortfolio?: PortfolioInfo;
}

export interface ColumnMapping {
  /** Our field name -> the header in the lender's file. */
  columns?: Record<string, string>;
  /** Per field: the lender's codes -> ours. */
  values?: Record<string, Record<string, string>>;
  dateFormat?: DateFormat;
  delimiter?: string;
  sheet?: string;
}
