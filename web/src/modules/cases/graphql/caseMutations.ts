import { graphql } from "../../../gql";

export const LOG_CONTACT_MUTATION = graphql(`
  mutation LogContact($input: LogContactInput!) {
    logContact(input: $input) {
      contact {
        id
        channel
        direction
        outcome
        startedAt
        callbackAt
      }
      followUp
      followUpTask {
        id
        dueAt
        status
      }
    }
  }
`);

export const LOG_PROMISE_MUTATION = graphql(`
  mutation LogPromiseToPay($input: LogPromiseInput!) {
    logPromiseToPay(input: $input) {
      id
      amount
      promisedDate
      status
    }
  }
`);

export const UPDATE_CONTACT_PREFERENCES_MUTATION = graphql(`
  mutation UpdateContactPreferences($input: UpdateContactPreferencesInput!) {
    updateContactPreferences(input: $input) {
      borrowerId
      doNotContact
      disputed
      optOutChannels
      preferredChannel
      preferredHours {
        start
        end
      }
      timeZone
    }
  }
`);

export const START_TASK_MUTATION = graphql(`
  mutation StartTask($taskId: ID!, $idempotencyKey: String!) {
    startTask(taskId: $taskId, idempotencyKey: $idempotencyKey) {
      id
      status
      startedAt
    }
  }
`);

export const COMPLETE_TASK_MUTATION = graphql(`
  mutation CompleteTask($input: CompleteTaskInput!) {
    completeTask(input: $input) {
      id
      status
      outcome
      completedAt
    }
  }
`);

export const ESCALATE_CASE_MUTATION = graphql(`
  mutation EscalateCase($input: EscalateCaseInput!) {
    escalateCase(input: $input) {
      id
      status
      reason
      dueAt
    }
  }
`);
