import { IsInt, IsOptional, Max, MaxLength, Min } from "class-validator";
import { ArgsType, type ClassType, Field, Int, ObjectType } from "type-graphql";
// The GraphQL side of paging; the paging itself (cursors, pages) is in cursor-page.ts, free of decorators so
// that services and scripts load it without type-graphql's reflection.
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./cursor-page.js";
import { PageInfo } from "./page-info.js";

const FIRST_MESSAGE = `first must be between 1 and ${MAX_PAGE_SIZE}`;

/** `first` and `after` of any paginated field. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items to return, 1 to ${MAX_PAGE_SIZE}`,
  })
  @IsInt({ message: FIRST_MESSAGE })
  @Min(1, { message: FIRST_MESSAGE })
  @Max(MAX_PAGE_SIZE, { message: FIRST_MESSAGE })
  first!: number;

  @Field(() => String, { nullable: true, description: "Return the items after this cursor (an endCursor)" })
  @IsOptional()
  @MaxLength(500, { message: "after must be a cursor this list returned (at most 500 characters)" })
  after?: string | null;
}

/** The GraphQL base of a Relay-style connection of `Node`, with its edge type (`LoanEdge`). */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field({ description: "Pass as `after` to read the items after this one" })
    cursor!: string;

    @Field(() => Node)
    node!: T;
  }

  // Never emitted itself (only referenced types are): the subclass names the type (`class LoanConnection extends Connection(Loan, "Loan")`).
  @ObjectType()
  abstract class ConnectionClass {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [Node], { description: "The page's items, without cursors" })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "How many items the whole list holds (all pages)" })
    totalCount!: number;
  }
  return ConnectionClass;
}
