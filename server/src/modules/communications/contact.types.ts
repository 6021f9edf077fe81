import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../generated/prisma/enums.js";

// Registers CommunicationChannel with the schema (one registration per enum).
import "../contact-rules/channel.graphql-enum.js"; // registers CommunicationChannel with GraphQL

registerEnumType(CommunicationDirection, {
  name: "CommunicationDirection",
  description: "OUTBOUND: the lender contacted the borrower; INBOUND: the borrower contacted the lender",
});
registerEnumType(CommunicationOutcome, {
  name: "CommunicationOutcome",
  description: "What came of a contact attempt",
});

@ObjectType({ description: "A contact with a borrower: a call, a message, a visit or a letter" })
export class Contact {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: "The loan it was about (null: the borrower in general)" })
  loanId!: string | null;

  @Field(() => ID)
  borrowerId!: string;

  @Field(() => CommunicationChannel)
  channel!: CommunicationChannel;

  @Field(() => CommunicationDirection)
  direction!: CommunicationDirection;

  @Field(() => CommunicationOutcome)
  outcome!: CommunicationOutcome;

  @Field({ description: "ISO 8601 instant" })
  startedAt!: string;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant it ended, when known" })
  endedAt!: string | null;

  @Field(() => Int, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => ID, { nullable: true, description: "The agent who made or took it (null: automated)" })
  agentId!: string | null;

  @Field(() => String, { nullable: true, description: "The agent's notes" })
  notes!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "ISO 8601 instant the borrower asked to be called back (outcome CALLBACK_REQUESTED)",
  })
  callbackAt!: string | null;
}
