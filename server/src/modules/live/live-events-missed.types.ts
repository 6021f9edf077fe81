import { Field, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "The server's own live connection was lost and is back: events between lostAt and resumedAt may not have reached you, re-read what you show",
})
export class LiveEventsMissed {
  @Field({ description: "ISO 8601 instant: when the server stopped hearing events" })
  lostAt!: string;

  @Field({ description: "ISO 8601 instant: when it heard them again" })
  resumedAt!: string;
}
