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

  teamId!: string | null;
}
