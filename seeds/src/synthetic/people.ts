// Who a synthetic borrower is: a name, a street address in a real city of their time zone, an e-mail address
// and a phone number, all made up. Names and street names are Faker's (https://fakerjs.dev) per-locale lists,
// read once into pools and indexed by the caller's seeded stream: a person costs a handful of draws, no Faker
// call, and depends on that stream alone (not on who came before, nor on Faker's own generator state).
//
// Contact details can never reach anyone: e-mail addresses are at example.com/.net/.org (reserved for
// documentation, RFC 2606) and phone numbers are 555-0100..555-0199 behind the city's real area code (the
// range reserved for fiction in every area code), since agents and the outbound sender act on them.
import type { Faker } from "@faker-js/faker";
import { faker as fakerEnHk } from "@faker-js/faker/locale/en_HK";
import { faker as fakerEnIn } from "@faker-js/faker/locale/en_IN";
import { faker as fakerEnUs } from "@faker-js/faker/locale/en_US";
import { faker as fakerEsMx } from "@faker-js/faker/locale/es_MX";
import { faker as fakerVi } from "@faker-js/faker/locale/vi";
import { placeIn } from "./places.js";
import { Rng } from "./rng.js";

export type Sex = "female" | "male";

export interface Person {
  fullName: string;
  email: string;
  phone: string;
  addressLine: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  timeZone: string;
}

/** A name as shown, and its letters folded to lower-case ASCII for an e-mail address. */
interface Name {
  text: string;
  mail: string;
}

interface Origin {
  female: Name[];
  male: Name[];
  last: Name[];
}

const stripMarks = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");

/** `asShown` false: Vietnamese-American usage writes names without their diacritics. */
function names(list: readonly string[] | null | undefined, what: string, asShown = true): Name[] {
  if (!list?.length) throw new Error(`Faker has no ${what}`);
  return list.map((raw) => {
    const text = asShown ? raw : stripMarks(raw);
    // A compound first name ("Alondra Romina") goes into an address by its first part.
    const mail = stripMarks(text.split(" ")[0] as string)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "");
    return { text, mail };
  });
}

function origin(first: Faker, last: Faker, what: string, asShown = true): Origin {
  const f = first.rawDefinitions.person?.first_name;
  const l = last.rawDefinitions.person?.last_name;
  return {
    female: names(f?.female, `${what} female first names`, asShown),
    male: names(f?.male, `${what} male first names`, asShown),
    last: names(l?.generic, `${what} last names`, asShown),
  };
}

const ENGLISH = origin(fakerEnUs, fakerEnUs, "en_US");
const HISPANIC = origin(fakerEsMx, fakerEsMx, "es_MX");
// The Asian-American origins, with rough shares of that population (Korean and Japanese names are missing:
// Faker lists them in their own scripts only). Many Chinese and Filipino Americans carry English given names,
// and Filipino surnames are largely Spanish.
const ASIAN: readonly (readonly [Origin, number])[] = [
  [origin(fakerEnUs, fakerEnHk, "en_HK"), 0.3],
  [origin(fakerEnIn, fakerEnIn, "en_IN"), 0.25],
  [origin(fakerEnUs, fakerEsMx, "es_MX"), 0.25],
  [origin(fakerVi, fakerVi, "vi", false), 0.2],
];

function required<T>(list: readonly T[] | null | undefined, what: string): readonly T[] {
  if (!list?.length) throw new Error(`Faker has no ${what}`);
  return list;
}
const STREETS = required(fakerEnUs.rawDefinitions.location?.street_name, "en_US street names");
const MAIL_DOMAINS = required(fakerEnUs.rawDefinitions.internet?.example_email, "example e-mail domains");

/** House numbers by digit count: short in old city grids, five digits in newer suburbs. */
const HOUSE_DIGITS = [
  [1, 0.04],
  [2, 0.14],
  [3, 0.36],
  [4, 0.38],
  [5, 0.08],
] as const;

/** The shapes people give their mailbox names, with rough shares. */
const MAILBOX = [
  ["first.last", 0.3],
  ["firstlast", 0.12],
  ["flast", 0.18],
  ["first.lastNN", 0.15],
  ["firstlNNNN", 0.1],
  ["first_last", 0.07],
  ["last.first", 0.08],
] as const;

const pad2 = (n: number) => String(n).padStart(2, "0");

function mailbox(rng: Rng, first: string, last: string): string {
  switch (rng.weighted(MAILBOX)) {
    case "first.last":
      return `${first}.${last}`;
    case "firstlast":
      return `${first}${last}`;
    case "flast":
      return `${first.slice(0, 1)}${last}`;
    case "first.lastNN":
      return `${first}.${last}${rng.int(1, 99)}`;
    case "firstlNNNN":
      return `${first}${last.slice(0, 1)}${rng.int(10, 9999)}`;
    case "first_last":
      return `${first}_${last}`;
    default:
      return `${last}.${first}`;
  }
}

function originAt(rng: Rng, shares: { hispanic: number; asian: number }): Origin {
  const u = rng.next();
  if (u < shares.hispanic) return HISPANIC;
  if (u < shares.hispanic + shares.asian) return rng.weighted(ASIAN);
  return ENGLISH;
}

/** Rough shares of the whole US population, for people not placed in a city. */
const US_SHARES = { hispanic: 0.19, asian: 0.06 };

/**
 * Names for a roster of staff, one after another: all different (two agents of the same name would be
 * confused in every list that assigns work), each from its own stream `(stream, attempt)`, so the k-th name
 * is the same whatever the roster's length.
 */
export function staffNames(stream: number): () => string {
  const used = new Set<string>();
  let attempt = 0;
  return () => {
    for (;;) {
      const rng = new Rng(stream, ++attempt);
      const from = originAt(rng, US_SHARES);
      const name = `${rng.pick(from[rng.chance(0.5) ? "female" : "male"]).text} ${rng.pick(from.last).text}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

export interface PersonTraits {
  /** IANA zone: the person lives in one of its cities. */
  timeZone: string;
  sex: Sex;
  /** Renters mostly live in apartments, which get a unit number. */
  renting: boolean;
}

/** A made-up person living in `traits.timeZone`, drawn from `rng` alone. */
export function makePerson(rng: Rng, traits: PersonTraits): Person {
  const place = placeIn(traits.timeZone, rng.next());
  const from = originAt(rng, place);
  const first = rng.pick(from[traits.sex]);
  const last = rng.pick(from.last);
  // Some records carry a middle initial; not after a compound given name ("Miguel Ángel").
  const middle =
    rng.chance(0.2) && !first.text.includes(" ") ? `${rng.pick(from[traits.sex]).text.slice(0, 1)}. ` : "";

  const digits = rng.weighted(HOUSE_DIGITS);
  const house = rng.int(10 ** (digits - 1), 10 ** digits - 1);
  const unit = traits.renting && rng.chance(0.8) ? ` Apt. ${rng.int(1, 4)}${pad2(rng.int(1, 16))}` : "";

  return {
    fullName: `${first.text} ${middle}${last.text}`,
    email: `${mailbox(rng, first.mail, last.mail)}@${rng.pick(MAIL_DOMAINS)}`,
    phone: `+1 ${rng.pick(place.areaCodes)}-555-01${pad2(rng.int(0, 99))}`,
    addressLine: `${house} ${rng.pick(STREETS)}${unit}`,
    city: place.city,
    region: place.region,
    postalCode: rng.pick(place.zips),
    country: "US",
    timeZone: place.timeZone,
  };
}
