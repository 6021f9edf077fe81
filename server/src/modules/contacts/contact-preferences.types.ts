import { Field, ID, ObjectType } from "type-graphql";
import { CommunicationChannel } from "../../generated/prisma/enums.js";
import "../contact-rules/channel.graphql-enum.js"; // registers CommunicationChannel with GraphQL

@ObjectType({ description: "A same-day window of the borrower's local time" })
export class ContactHours {
  @Field({ description: "HH:MM, 24-hour clock" })
  start!: string;

  @Field({ description: "HH:MM, 24-hour clock (24:00 is midnight)" })
  end!: string;
}

/**
 * What the borrower asked about being contacted. One record for all their loans: the contact rules read it
 * from the borrower. Meant to be attached to the borrower's views (`Borrower.contactPreferences`).
 */
@ObjectType({ description: "What the borrower asked about being contacted, for all their loans" })
export class ContactPreferences {
  @Field(() => ID)
  borrowerId!: string;

  @Field({ description: "The borrower asked not to be contacted" })
  doNotContact!: boolean;

  @Field({ description: "The borrower disputes the debt: no collection contact until it is resolved" })
  disputed!: boolean;

  @Field(() => [CommunicationChannel], { description: "Channels the borrower refuses" })
  optOutChannels!: CommunicationChannel[];

  @Field(() => CommunicationChannel, { nullable: true })
  preferredChannel!: CommunicationChannel | null;

  @Field(() => ContactHours, {
    nullable: true,
    description: "Hours to contact them in, their local time (within the policy's contact hours)",
  })
  preferredHours!: ContactHours | null;

  @Field({ description: "The borrower's IANA time zone, which preferredHours are in" })
  timeZone!: string;
}
