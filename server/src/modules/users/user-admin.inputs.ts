import { IsEmail, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min, MinLength } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { UserRole } from "../../generated/prisma/enums.js";

@InputType({ description: "A new portal user" })
export class CreateUserInput {
  @Field()
  @IsEmail({}, { message: "email must be an e-mail address" })
  @MaxLength(320)
  email!: string;

  @Field()
  @Length(1, 120, { message: "displayName must have 1 to 120 characters" })
  displayName!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field(() => ID, { nullable: true, description: "Required for agents and supervisors" })
  @IsOptional()
  @IsUUID("all", { message: "teamId must be a team's id" })
  teamId?: string;

  @Field({ description: "The first password, at least 12 characters; the user should change it" })
  @MinLength(12, { message: "password must have at least 12 characters" })
  @MaxLength(200)
  password!: string;

  @Field(() => Int, { nullable: true, description: "Open tasks the assignment may give this agent at once" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number;
}

@InputType({ description: "A password an administrator sets (a roster-imported user has none until then)" })
export class SetUserPasswordInput {
  @Field(() => ID)
  @IsUUID("all", { message: "userId must be a user's id" })
  userId!: string;

  @Field()
  @MinLength(12, { message: "password must have at least 12 characters" })
  @MaxLength(200)
  password!: string;
}
