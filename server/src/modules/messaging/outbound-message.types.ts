import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import {
  ActionType,
  CommunicationChannel,
  OutboundCancelReason,
  OutboundMessageStatus,
} from "../../generated/prisma/enums.js";
import type { ContactRule } from "../contact-rules/contact-rules.js";
import { ContactRuleEnum } from "../recommendations/contact-rule-result.types.js";
// The enums these fields share with tasks and recommendations are registered there, once.
import "../contact-rules/channel.graphql-enum.js"; // registers CommunicationChannel with GraphQL
import "../tasks/task.types.js";

registerEnumType(OutboundMessageStatus, {
  name: "OutboundMessageStatus",
  description: "QUEUED (waiting for its time), SENDING, SENT, CANCELLED (not to be sent) or FAILED",
});
registerEnumType(OutboundCancelReason, {
  name: "OutboundCancelReason",
  description: "Why a queued message was not sent",
});

@ObjectType({ description: "An automated reminder in the outbound queue (never a person's task)" })
export class OutboundMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  loanId!: string;

  @Field(() => ID, { nullable: true, description: "The recommendation it carries out" })
  recommendationId!: string | null;

  @Field(() => ActionType)
  actionType!: ActionType;

  @Field(() => CommunicationChannel)
  channel!: CommunicationChannel;

  @Field({ description: "The template's id, e.g. sms-reminder.v1" })
  template!: string;

  @Field(() => String, { nullable: true, description: "The text as sent (rendered when it is sent)" })
  body!: string | null;

  @Field(() => OutboundMessageStatus)
  status!: OutboundMessageStatus;

  @Field({ description: "ISO 8601 instant before which it is not sent" })
  notBefore!: string;

  @Field(() => Int, { description: "Delivery attempts so far" })
  attempts!: number;

  @Field(() => ContactRuleEnum, {
    nullable: true,
    description: "The contact rule that cancelled it, or that last delayed it",
  })
  contactRule!: ContactRule | null;

  @Field(() => OutboundCancelReason, { nullable: true })
  cancelReason!: OutboundCancelReason | null;

  @Field(() => String, {
    nullable: true,
    description: "Why it waits, was cancelled or failed, in words (English)",
  })
  lastError!: string | null;

  @Field(() => String, { nullable: true })
  sentAt!: string | null;

  @Field(() => String, { nullable: true })
  cancelledAt!: string | null;

  @Field(() => ID, { nullable: true, description: "The contact it was recorded as, once sent or failed" })
  communicationId!: string | null;

  @Field()
  createdAt!: string;
}

@ObjectType({ description: "A page of outbound messages, newest first" })
export class OutboundMessageConnection extends Connection(OutboundMessage, "OutboundMessage") {}
