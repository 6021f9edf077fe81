import fc from "fast-check";
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";

/** Values a test knows exist (ids of its own world), mixed into the generated ones so calls get past lookups. */
export interface KnownValues {
  ids: string[];
}

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

// Strings chosen to hit the rules of real inputs (amounts, days, instants, keys), next to arbitrary text.
const pointedStrings = () =>
  fc.constantFrom(
    "",
    "\u0000",
    "a\u0000b",
    " ",
    "__proto__",
    "150.00",
    "0.01",
    "-5",
    "12.345",
    "1e3",
    `1${"0".repeat(400)}`,
    "Infinity",
    "NaN",
    "2026-02-30",
    "2025-13-45",
    dayOffset(3),
    dayOffset(-3),
    "10:00",
    "24:00",
    "25:61",
    "2026-03-12T14:30:00",
    "x".repeat(5000),
    "agent@test.local",
  );

const scalarArbitrary = (name: string, known: KnownValues): fc.Arbitrary<unknown> => {
  switch (name) {
    case "ID":
      return fc.oneof(
        { weight: 3, arbitrary: known.ids.length ? fc.constantFrom(...known.ids) : fc.uuid() },
        { weight: 1, arbitrary: fc.uuid() },
        { weight: 1, arbitrary: fc.string() },
        { weight: 1, arbitrary: pointedStrings() },
      );
    case "String":
      return fc.oneof(
        { weight: 2, arbitrary: pointedStrings() },
        { weight: 2, arbitrary: fc.uuid() },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: -40 * 86_400, max: 40 * 86_400 })
            .map((s) => new Date(Date.now() + s * 1000).toISOString()),
        },
        { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
      );
    case "Int":
      return fc.oneof(
        fc.integer({ min: -3, max: 120 }),
        fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)),
        fc.integer(),
      );
    case "Float":
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 0.5, 1e308));
    case "Boolean":
      return fc.boolean();
    case "DateTimeISO":
      return fc.oneof(
        fc
          .date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true })
          .map((d) => d.toISOString()),
        pointedStrings(),
      );
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
};

/** Values for a GraphQL input type: mostly of its shape (to reach the resolvers), sometimes not. */
export function inputArbitrary(type: GraphQLInputType, known: KnownValues, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return fc.oneof(
      { weight: 12, arbitrary: inputArbitrary(type.ofType, known, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  if (isListType(type))
    return fc.array(inputArbitrary(type.ofType, known, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
  if (isEnumType(type))
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.value as string)) },
      { weight: 1, arbitrary: fc.string() },
    );
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(
      Object.fromEntries(fields.map((f) => [f.name, inputArbitrary(f.type, known, depth + 1)])),
      { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
    );
  }
  return scalarArbitrary(type.name, known);
}

const instantIn = (minSeconds: number, maxSeconds: number) =>
  fc.integer({ min: minSeconds, max: maxSeconds }).map((s) => new Date(Date.now() + s * 1000).toISOString());

/** A value a real client would send for a field of this name, so that generated calls reach the resolvers. */
function plausibleByName(name: string, known: KnownValues): fc.Arbitrary<unknown> | undefined {
  if (name === "idempotencyKey") return fc.uuid();
  if (/Ids?$/.test(name) || name === "id")
    return known.ids.length ? fc.constantFrom(...known.ids) : fc.uuid();
  if (/amount/i.test(name)) return fc.constantFrom("150.00", "20", "0.01", "1999.99");
  if (/Date$/.test(name)) return fc.integer({ min: 1, max: 25 }).map(dayOffset);
  if (name === "startedAt") return instantIn(-3 * 3600, -60);
  if (/At$/.test(name)) return instantIn(3600, 48 * 3600);
  if (name === "email") return fc.nat({ max: 9999 }).map((n) => `fuzz-${n}@test.local`);
  if (/password/i.test(name))
    return fc.constantFrom("a-long-enough-password-1", "correct horse battery staple");
  if (name === "start") return fc.constantFrom("08:00", "09:30");
  if (name === "end") return fc.constantFrom("17:00", "20:00");
  if (name === "durationSeconds") return fc.integer({ min: 0, max: 3600 });
  if (name === "version") return fc.integer({ min: 1, max: 3 });
  if (["first", "top", "months", "capacity"].includes(name)) return fc.integer({ min: 1, max: 20 });
  return undefined;
}

/** Inputs of the right shape with values a client would send: the calls that reach the resolvers. */
export function plausibleArbitrary(
  type: GraphQLInputType,
  known: KnownValues,
  name = "",
  depth = 0,
): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausibleArbitrary(type.ofType, known, name, depth);
  if (isListType(type))
    return fc.array(plausibleArbitrary(type.ofType, known, name.replace(/s$/, ""), depth + 1), {
      minLength: 1,
      maxLength: 3,
    });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value as string));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(
      Object.fromEntries(fields.map((f) => [f.name, plausibleArbitrary(f.type, known, f.name, depth + 1)])),
      { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) },
    );
  }
  const byName = plausibleByName(name, known);
  if (byName) return byName;
  if (type.name === "String") return fc.constantFrom("Borrower asked for a week", "OTHER", "note");
  return scalarArbitrary(type.name, known);
}

/** `mutation Fuzz($a: T!, ...) { field(a: $a, ...) { __typename } }` for one root field. */
export function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  return `${kind} Fuzz${vars ? `(${vars})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

/**
 * Variables for one root field's arguments: a third plausible (a call a client would make), a third
 * plausible with one argument generated freely, a third generated freely throughout.
 */
export function variablesArbitrary(field: GraphQLField<unknown, unknown>, known: KnownValues) {
  const plausible = fc.record(
    Object.fromEntries(field.args.map((a) => [a.name, plausibleArbitrary(a.type, known, a.name)])),
  );
  const free = fc.record(Object.fromEntries(field.args.map((a) => [a.name, inputArbitrary(a.type, known)])));
  const oneOdd = fc.tuple(plausible, free, fc.nat()).map(([p, f, i]) => {
    const names = field.args.map((a) => a.name);
    const odd = names[i % Math.max(1, names.length)];
    return odd === undefined ? p : { ...p, [odd]: (f as Record<string, unknown>)[odd] };
  });
  return fc.oneof(plausible, oneOdd, free);
}

export const mutationFields = (schema: GraphQLSchema) =>
  Object.values(schema.getMutationType()?.getFields() ?? {});

/** How many cases each property runs: a bounded number in `npm test`, more with FUZZ_RUNS=N. */
export const fuzzRuns = (fallback: number) => Number(process.env.FUZZ_RUNS ?? fallback);
