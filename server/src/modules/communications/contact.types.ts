import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../generated/prisma/enums.js";
import "../recommendations/recommendation.types.js"; // registers CommunicationChannel with GraphQL

registerEnumType(CommunicationDirection, { name: "CommunicationDirection" });
registerEnumType(CommunicationOutcome, { name: "CommunicationOutcome" });

@ObjectType({ description: "A contact with a borrower: a call, message, visit or letter, either way" })
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

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  endedAt!: string | null;

  @Field(() => Int, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => String, { nullable: true, description: "The agent's notes" })
  notes!: string | null;

  @Field(() => ID, { nullable: true, description: "The agent who made or took it (null: the system)" })
  agentId!: string | null;
}
