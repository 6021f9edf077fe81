import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({
  description:
    "What a batch rescoring changed for the signed-in user: an agent's own work, a supervisor's team, or the whole run for managers and admins",
})
export class RescoringRun {
  @Field(() => ID, { description: "The run (one event per run and subscriber)" })
  runId!: string;

  @Field(() => ID)
  portfolioId!: string;

  @Field(() => Int, { nullable: true, description: "Loans the run rescored (managers and admins only)" })
  loansRescored!: number | null;

  @Field(() => Int, { description: "New recommendations on the loans in your scope (re-read your worklist)" })
  recommendationsCreated!: number;

  @Field(() => Int, { description: "New tasks given to you (an agent), to your team, or in the whole run" })
  tasksAssigned!: number;

  @Field(() => Int, {
    description: "New escalations in the recovery managers' queue: of your team's loans, or in the whole run",
  })
  escalationsCreated!: number;

  @Field({ description: "ISO 8601 instant" })
  finishedAt!: string;

  @Field({ description: "False when the run stopped on an error: the counts are of what it committed" })
  succeeded!: boolean;
}
