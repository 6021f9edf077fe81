import type { EntityRow } from "../bulk/entities.js";
import type { FieldSpec, ParsedRecord, RecordIssue } from "../import-source.js";
import { HOME_OWNERSHIP, HOME_OWNERSHIP_SYNONYMS } from "./code-synonyms.js";
import { emptyAs, looksLikeEmail, lowerCase } from "./source-kit.js";

/** A borrower's own columns, shared by the borrowers file and a loan book that carries them beside each loan. */
export const BORROWER_FIELDS: readonly FieldSpec[] = [
  { field: "fullName", header: "full_name", type: "text" },
  { field: "email", header: "email", type: "text" },
  { field: "phone", header: "phone", type: "text" },
  { field: "addressLine", header: "address", type: "text" },
  { field: "city", header: "city", type: "text" },
  { field: "region", header: "region", type: "text", description: "state, province or county" },
  { field: "postalCode", header: "postal_code", type: "text" },
  { field: "country", header: "country", type: "text", description: "ISO 3166 code, e.g. US" },
  {
    field: "timeZone",
    header: "time_zone",
    type: "timezone",
    description: "IANA name (Europe/Paris); empty: UTC",
  },
  { field: "ageYears", header: "age", type: "int", min: 0, max: 130, plausible: { min: 18, max: 100 } },
  { field: "sex", header: "sex", type: "text" },
  { field: "education", header: "education", type: "text" },
  { field: "maritalStatus", header: "marital_status", type: "text" },
  { field: "annualIncome", header: "annual_income", type: "money", min: 0 },
  { field: "employmentStatus", header: "employment_status", type: "text" },
  {
    field: "employmentYears",
    header: "employment_years",
    type: "decimal",
    min: 0,
    max: 100,
    plausible: { max: 60 },
    suffixes: ["years", "year", "yrs", "yr", "y"],
  },
  {
    field: "homeOwnership",
    header: "home_ownership",
    type: "enum",
    allowed: HOME_OWNERSHIP,
    values: HOME_OWNERSHIP_SYNONYMS,
    description: "stored in lower case",
  },
  { field: "segment", header: "segment", type: "text" },
];

/** Whether the row has any borrower value, i.e. whether a loan book row also describes its borrower. */
export const hasBorrowerValues = (r: ParsedRecord) =>
  BORROWER_FIELDS.some((f) => r[f.field] !== undefined && r[f.field] !== null);

export function borrowerIssues(r: ParsedRecord): RecordIssue[] {
  if (typeof r.email === "string" && !looksLikeEmail(r.email))
    return [
      {
        field: "email",
        message: `"${r.email}" does not look like an e-mail address; kept as given`,
        severity: "WARNING",
      },
    ];
  return [];
}

export function borrowerRow(
  r: ParsedRecord,
  attributes?: Record<string, string | number>,
): EntityRow<"borrower"> {
  return {
    externalKey: r.borrowerKey,
    fullName: r.fullName,
    email: r.email,
    phone: r.phone,
    addressLine: r.addressLine,
    city: r.city,
    region: r.region,
    postalCode: r.postalCode,
    country: r.country,
    timeZone: emptyAs(r.timeZone, "UTC"),
    ageYears: r.ageYears,
    sex: r.sex,
    education: r.education,
    maritalStatus: r.maritalStatus,
    annualIncome: r.annualIncome,
    employmentStatus: r.employmentStatus,
    employmentYears: r.employmentYears,
    homeOwnership: lowerCase(r.homeOwnership),
    segment: r.segment,
    attributes,
  };
}
