import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import { PageArgs } from "../../core/graphql/connection.js";
import { type Page, withNodes } from "../../core/graphql/cursor-page.js";
import type { Contact } from "../communications/contact.types.js";
import { ContactConnection } from "../loan-360/loan-360.types.js";
import { Borrower, type Loan, LoanConnection } from "../loans/loan.types.js";
import type { PromiseToPay } from "../promises/promise.types.js";
import { PromiseToPayConnection } from "../promises/promise.types.js";
import { MAX_SEARCH_RESULTS } from "./borrower.service.js";

const key = (borrower: Borrower, page: PageArgs) => ({
  parentId: borrower.id,
  first: page.first,
  after: page.after,
});

@Resolver(() => Borrower)
export class BorrowerResolver {
  @Query(() => Borrower, {
    description: "One borrower the signed-in user may see, with their loans and contacts",
  })
  borrower(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Borrower> {
    return ctx.services.borrowers.getBorrower(ctx.principal, id);
  }

  @Query(() => [Borrower], {
    description:
      "Borrowers in the signed-in user's scope by name (any part, any case), borrower or loan reference (whole or its beginning), or phone number (digits only count); best match first",
  })
  searchBorrowers(
    @Arg("query", { description: "At least 2 characters; names need 3, phone numbers 6 digits" })
    query: string,
    @Arg("first", () => Int, { defaultValue: 20, description: `At most ${MAX_SEARCH_RESULTS}` })
    first: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Borrower[]> {
    return ctx.services.borrowers.search(ctx.principal, query, first);
  }

  @FieldResolver(() => LoanConnection, {
    description: "The borrower's loans that the signed-in user may see, most days past due first",
  })
  async loans(
    @Root() borrower: Borrower,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<Loan>> {
    const ids = await ctx.loaders.borrowerLoanIds(ctx.principal).load(key(borrower, page));
    const loans = await Promise.all(ids.nodes.map((id) => ctx.loaders.loanById.load(id)));
    return withNodes(ids, loans);
  }

  @FieldResolver(() => ContactConnection, { description: "Contacts with the borrower, latest first" })
  contacts(
    @Root() borrower: Borrower,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<Contact>> {
    return ctx.loaders.borrowerContacts.load(key(borrower, page));
  }

  @FieldResolver(() => PromiseToPayConnection, {
    description: "The borrower's promises, latest logged first",
  })
  promises(
    @Root() borrower: Borrower,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Page<PromiseToPay>> {
    return ctx.loaders.borrowerPromises.load(key(borrower, page));
  }
}
