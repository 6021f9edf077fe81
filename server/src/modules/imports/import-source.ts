import type { PortfolioKind } from "../../generated/prisma/enums.js";
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
  /** Exclusive lower bound: a payment of 0 is as wrong as a negative one. */
  greaterThan?: number;
  /** For enums: our codes, and source spellings mapped to them. */
  allowed?: readonly string[];
  values?: Record<string, string>;
  /** Legal but implausible: kept, and reported as a warning (an age of 144). */
  plausible?: { min?: number; max?: number };
  /** Units a number may carry, removed before parsing ("36 months", "7.21 %"). */
  suffixes?: readonly string[];
  description?: string;
}

export type ParsedValue = string | number | boolean | string[];

/**
 * A parsed row by field name: `null` for a missing value (an empty cell or a missing marker), `undefined` (absent) when the file has no column
 * for the field, so that a file lacking a column does not erase what another file set.
 */
export type ParsedRecord = Record<string, ParsedValue | null>;

export type EntityBatch = { [E in EntityName]?: EntityRow<E>[] };

export interface RowContext {
  line: number;
  /** 1-based position among the file's data rows. */
  rowNumber: number;
  /** The columns the mapping keeps as attributes (`attributes` in the mapping), by header; set by runImport. */
  attributes?: Record<string, string | number>;
  /**
   * How many rows with this key the file had before this one (0 for the first); set by runImport. Derived
   * keys add it, so identical rows stay distinct records and a re-import finds each again.
   */
  occurrence?: (key: string) => number;
}

export interface PortfolioInfo {
  name: string;
  source: string;
  asOfDate: string;
  description?: string;
}

/** A rule spanning fields (an end before its start); `field` names the field to blame, null for the row. */
export interface RecordIssue {
  field: string | null;
  message: string;
  /** Warnings keep the row; errors (the default) reject it. */
  severity?: "ERROR" | "WARNING";
}

/** What a kind of file holds and how its rows become our records. */
export interface ImportSource {
  name: string;
  description: string;
  fields: readonly FieldSpec[];
  /**
   * The record's identity within the file; a second row with the same key is reported as a duplicate.
   * Undefined for a row without an identity of its own (its key is derived, and identical rows are distinct).
   */
  key?: (record: ParsedRecord, ctx: RowContext) => string | undefined;
  /** Rules across fields, checked after each field parsed. */
  check?: (record: ParsedRecord) => RecordIssue[];
  toEntities(record: ParsedRecord, ctx: RowContext): EntityBatch;
  /** The portfolio the file belongs to when the caller does not name one. */
  defaultPortfolio?: PortfolioInfo;
  /**
   * The kind of a portfolio this importer creates when the caller does not say (`--kind`): REFERENCE for
   * public data sets kept for training, OPERATIONAL (a lender's book, worked by agents) when absent.
   */
  defaultKind?: PortfolioKind;
  /** Records that belong to no portfolio (agents and teams): the import takes none. */
  global?: boolean;
  /** The source stores the mapping's `attributes` columns (borrowers and loans have a JSON attributes column). */
  keepsAttributes?: boolean;
  /**
   * A rejected reference names the staged column (`loanKey`); runImport reports it under the header of the
   * field of that name. Listed here: staged columns whose field is named differently.
   */
  fieldOfColumn?: Record<string, string>;
}

export interface ColumnMapping {
  /** Our field name -> the header in the lender's file. */
  columns?: Record<string, string>;
  /** Per field: the lender's codes -> ours (for any type: "10+ years" -> "10", "Charged Off" -> "true"). */
  values?: Record<string, Record<string, string>>;
  /** Per field: the value used when the file has no such column or the cell holds no value (empty, a marker). */
  defaults?: Record<string, string>;
  /**
   * Cell texts that mean "no value" ("NULL", "N/A"), compared trimmed and ignoring case; replaces
   * DEFAULT_MISSING_MARKERS. An empty cell is missing whatever the list.
   */
  nulls?: string[];
  /**
   * Columns with no field of ours, kept in the record's attributes under their header: a list of headers,
   * or "*" for every column no field is read from.
   */
  attributes?: string[] | "*";
  dateFormat?: DateFormat;
  delimiter?: string;
  sheet?: string;
}
