import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { IDEMPOTENCY_KEY_DESCRIPTION, IsIdempotencyKey } from "../../core/idempotency/idempotency-key.js";
import {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../generated/prisma/enums.js";
import "./contact.types.js";
import {
  HasCallbackTimeIfNeeded,
  IsCallbackTime,
  IsClockTime,
  IsContactStart,
} from "./contact.validation.js";

export const MAX_CONTACT_NOTES = 2000;
/** Eight hours: a contact longer than a working day is a typing mistake. */
export const MAX_DURATION_SECONDS = 8 * 3600;

const oneOf = (field: string, values: object) =>
  `${field} must be one of ${Object.values(values).join(", ")}`;
const IsLoanId = () => IsUUID("all", { message: "loanId must be a loan id (UUID)" });

@InputType({ description: "A contact with a borrower about one of their loans, as it happened" })
export class LogContactInput {
  @Field(() => ID)
  @IsLoanId()
  loanId!: string;

  @Field(() => CommunicationChannel)
  @IsEnum(CommunicationChannel, { message: oneOf("channel", CommunicationChannel) })
  channel!: CommunicationChannel;

  @Field(() => CommunicationDirection, {
    description:
      "OUTBOUND (we contacted them: checked against the contact rules) or INBOUND (always recorded)",
  })
  @IsEnum(CommunicationDirection, { message: oneOf("direction", CommunicationDirection) })
  direction!: CommunicationDirection;

  @Field(() => CommunicationOutcome)
  @IsEnum(CommunicationOutcome, { message: oneOf("outcome", CommunicationOutcome) })
  @HasCallbackTimeIfNeeded()
  outcome!: CommunicationOutcome;

  @Field({
    description:
      "ISO 8601 instant with offset when the contact began: not in the future, at most 30 days ago",
  })
  @IsContactStart()
  startedAt!: string;

  @Field(() => Int, { description: `Whole seconds, 0 to ${MAX_DURATION_SECONDS} (0 for a message)` })
  @IsInt({ message: "durationSeconds must be whole seconds" })
  @Min(0, { message: "durationSeconds must be 0 or more" })
  @Max(MAX_DURATION_SECONDS, {
    message: `durationSeconds must be at most ${MAX_DURATION_SECONDS} (8 hours): check the units (seconds)`,
  })
  durationSeconds!: number;

  @Field(() => String, {
    nullable: true,
    description: `What was said, in words (at most ${MAX_CONTACT_NOTES} characters; never audited)`,
  })
  @IsOptional()
  @MaxLength(MAX_CONTACT_NOTES, { message: `notes must be at most ${MAX_CONTACT_NOTES} characters` })
  notes?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "With outcome CALLBACK_REQUESTED (and only then): the future instant the borrower asked to be called",
  })
  @IsCallbackTime()
  callbackAt?: string | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class ContactCheckArgs {
  @Field(() => ID)
  @IsLoanId()
  loanId!: string;

  @Field(() => CommunicationChannel)
  @IsEnum(CommunicationChannel, { message: oneOf("channel", CommunicationChannel) })
  channel!: CommunicationChannel;
}

@InputType({ description: "A same-day window of the borrower's local time" })
export class ContactHoursInput {
  @Field({ description: "HH:MM, 24-hour clock" })
  @IsClockTime()
  start!: string;

  @Field({ description: "HH:MM, 24-hour clock, after start (24:00 for midnight)" })
  @IsClockTime()
  end!: string;
}

@InputType({
  description:
    "What the borrower asked for: fields left out are kept, null clears a preference. Applies to all their loans.",
})
export class UpdateContactPreferencesInput {
  @Field(() => ID)
  @IsUUID("all", { message: "borrowerId must be a borrower id (UUID)" })
  borrowerId!: string;

  @Field(() => Boolean, { nullable: true, description: "The borrower asked not to be contacted at all" })
  @IsOptional()
  @IsBoolean({ message: "doNotContact must be true or false" })
  doNotContact?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "The borrower disputes the debt (lifting a dispute needs a supervisor, manager or admin)",
  })
  @IsOptional()
  @IsBoolean({ message: "disputed must be true or false" })
  disputed?: boolean | null;

  @Field(() => [CommunicationChannel], {
    nullable: true,
    description: "Every channel the borrower refuses (the whole list: [] lifts all opt-outs)",
  })
  @IsOptional()
  @ArrayMaxSize(Object.keys(CommunicationChannel).length, {
    message: "optOutChannels lists each channel once",
  })
  @IsEnum(CommunicationChannel, { each: true, message: oneOf("optOutChannels", CommunicationChannel) })
  optOutChannels?: CommunicationChannel[] | null;

  @Field(() => CommunicationChannel, { nullable: true, description: "The channel the borrower prefers" })
  @IsOptional()
  @IsEnum(CommunicationChannel, { message: oneOf("preferredChannel", CommunicationChannel) })
  preferredChannel?: CommunicationChannel | null;

  @Field(() => ContactHoursInput, {
    nullable: true,
    description: "Hours the borrower wants to be contacted in, local time: they narrow the policy's window",
  })
  @IsOptional()
  @ValidateNested()
  preferredHours?: ContactHoursInput | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}
