import { Field, ObjectType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import { Task } from "../tasks/task.types.js";

@ObjectType({
  description:
    "One task of the signed-in user's worklist with what working it needs: the loan, the borrower, the score " +
    "and its reasons, the recommendation, arrears, recent contacts, the open promise and whether contact is allowed now",
})
export class WorklistItem {
  @Field(() => Task)
  task!: Task;

  loanId!: string;
  borrowerId!: string;
  /** The instant the page was read: contactNow answers for it. */
  checkedAt!: Date;
}

@ObjectType({
  description: "A page of the worklist, most urgent first: priority, then expected recovery, then due time",
})
export class WorklistConnection extends Connection(WorklistItem, "Worklist") {}
