import { MaxLength, MinLength } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType()
export class ChangePasswordInput {
  @Field()
  @MinLength(1)
  currentPassword!: string;

  @Field({ description: "At least 12 characters" })
  @MinLength(12, { message: "the new password must have at least 12 characters" })
  @MaxLength(200)
  newPassword!: string;
}
