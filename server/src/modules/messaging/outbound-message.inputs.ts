import {
  ArrayMaxSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { CommunicationChannel, OutboundMessageStatus } from "../../generated/prisma/enums.js";

export const MAX_PAGE = 100;

@InputType({ description: "Which outbound messages to list; every field narrows the list" })
export class OutboundMessageFilter {
  @Field(() => [OutboundMessageStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10, { message: "status may name at most 10 statuses" })
  @IsEnum(OutboundMessageStatus, {
    each: true,
    message: `status must list values of ${Object.values(OutboundMessageStatus).join(", ")}`,
  })
  status?: OutboundMessageStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "loanId must be a loan id (UUID)" })
  loanId?: string | null;

  @Field(() => [CommunicationChannel], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10, { message: "channel may name at most 10 channels" })
  @IsEnum(CommunicationChannel, {
    each: true,
    message: `channel must list values of ${Object.values(CommunicationChannel).join(", ")}`,
  })
  channel?: CommunicationChannel[] | null;
}

@ArgsType()
export class OutboundMessagesArgs {
  @Field(() => OutboundMessageFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: OutboundMessageFilter | null;

  @Field(() => Int, { defaultValue: 25, description: `Page size, 1-${MAX_PAGE}` })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${MAX_PAGE}` })
  @Max(MAX_PAGE, { message: `first must be between 1 and ${MAX_PAGE}` })
  first!: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page" })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: "after must be an endCursor this list gave" })
  after?: string | null;
}
