import { graphql } from "../../../gql";

export const ASSIGN_TASK_MUTATION = graphql(`
  mutation AssignTask($input: AssignTaskInput!) {
    assignTask(input: $input) {
      id
      assigneeId
      status
    }
  }
`);

export const REASSIGN_TASKS_MUTATION = graphql(`
  mutation ReassignTasks($input: ReassignTasksInput!) {
    reassignTasks(input: $input) {
      id
      assigneeId
      status
    }
  }
`);
