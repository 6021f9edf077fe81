import { Field, ObjectType } from "type-graphql";

/** Where a page of a cursor-paginated list sits (Relay's connection model). */
@ObjectType({ description: "Where a page of a cursor-paginated list sits" })
export class PageInfo {
  @Field({ description: "Whether items follow this page: ask again with after = endCursor" })
  hasNextPage!: boolean;

  @Field({ description: "Whether items precede this page (true when it was asked for after a cursor)" })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first item's cursor (null on an empty page)" })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last item's cursor (null on an empty page)" })
  endCursor!: string | null;
}
