import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { UserRole } from "../../generated/prisma/enums.js";

registerEnumType(UserRole, { name: "UserRole", description: "What a user may see and do" });

@ObjectType()
export class Team {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: "A person who signs in to the portal" })
export class User {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;

  @Field(() => UserRole)
  role!: UserRole;

  @Field({ description: "A deactivated user cannot sign in; their sessions have ended" })
  active!: boolean;

  teamId!: string | null;
}
