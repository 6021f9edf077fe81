import { Field, ObjectType, registerEnumType } from "type-graphql";
import { CONTACT_RULES, type ContactRule } from "../contact-rules/contact-rules.js";

export const ContactRuleEnum = Object.fromEntries(CONTACT_RULES.map((r) => [r, r])) as {
  [K in ContactRule]: K;
};
registerEnumType(ContactRuleEnum, {
  name: "ContactRule",
  description: "A contact rule that refuses or delays contact with a borrower",
});

/**
 * Whether a contact is allowed now and, if not, which rule refuses it and from when it is allowed: data, so
 * that clients format the instant in the reader's and the borrower's time zones rather than parse prose.
 */
@ObjectType({ description: "The contact rules' verdict on contacting a borrower" })
export class ContactRuleResult {
  @Field({ description: "Whether the contact is allowed at the instant it was checked" })
  allowed!: boolean;

  @Field(() => ContactRuleEnum, { nullable: true, description: "The first rule that refuses it, if any" })
  rule!: ContactRule | null;

  @Field(() => [ContactRuleEnum], { description: "Every rule that refuses or delays it" })
  rules!: ContactRule[];

  @Field(() => String, { nullable: true, description: "Why, in words (English)" })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "ISO 8601 instant from which it is allowed; null when allowed now or refused for good",
  })
  nextAllowedAt!: string | null;

  @Field({
    description: "Refused until the borrower's record changes (a flag or an opt-out), not just delayed",
  })
  permanent!: boolean;

  @Field({ description: "The borrower's IANA time zone, for showing nextAllowedAt in their local time" })
  borrowerTimeZone!: string;
}
