import { IsUUID } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { IDEMPOTENCY_KEY_DESCRIPTION, IsIdempotencyKey } from "../../core/idempotency/idempotency-key.js";

@ArgsType()
export class RescoreLoanArgs {
  @Field(() => ID)
  @IsUUID("all", { message: "loanId must be a loan id (UUID)" })
  loanId!: string;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}
