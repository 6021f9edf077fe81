import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../generated/prisma/enums.js";

registerEnumType(CommunicationDirection, { name: "CommunicationDirection" });
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

  @Field(() => CommunicationChannel)
  channel!: CommunicationChannel;

  @Field(() => CommunicationDirection)
  direction!: CommunicationDirection;

  @Field(() => CommunicationOutcome)
  outcome!: CommunicationOutcome;

  @Field({ description: "ISO 8601 instant" })
  startedAt!: string;

  @Field(() => Int, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => ID, { nullable: true, description: "The agent who made or took it (null: automated)" })
  agentId!: string | null;

  @Field(() => String, { nullable: true, description: "The agent's notes" })
  notes!: string | null;
}
