import { graphql } from "../../../gql";
import type {
  LiveEscalationCreatedSubscription,
  LivePromiseBrokenSubscription,
  LiveRescoringCompletedSubscription,
  LiveTaskAssignedSubscription,
  LiveTaskUpdatedSubscription,
} from "../../../gql/graphql";

export type LiveTask = LiveTaskAssignedSubscription["taskAssigned"];
export type LiveUpdatedTask = LiveTaskUpdatedSubscription["taskUpdated"];
export type LiveBrokenPromise = LivePromiseBrokenSubscription["promiseBroken"];
export type LiveRescoring = LiveRescoringCompletedSubscription["rescoringCompleted"];
export type LiveEscalation = LiveEscalationCreatedSubscription["escalationCreated"];

// Each selection is what a notice says plus the fields the cached lists show, so Apollo's normalised cache
// (Task:<id>, Loan:<id>) is brought up to date by the event itself.

export const TASK_ASSIGNED_SUBSCRIPTION = graphql(`
  subscription LiveTaskAssigned {
    taskAssigned {
      id
      status
      priority
      dueAt
      actionType
      assigneeId
      loan {
        id
        externalKey
      }
    }
  }
`);

export const TASK_UPDATED_SUBSCRIPTION = graphql(`
  subscription LiveTaskUpdated {
    taskUpdated {
      id
      status
      priority
      dueAt
      actionType
      assigneeId
      startedAt
      completedAt
      cancelledAt
      outcome
      loan {
        id
        externalKey
      }
    }
  }
`);

export const PROMISE_BROKEN_SUBSCRIPTION = graphql(`
  subscription LivePromiseBroken {
    promiseBroken {
      id
      status
      amount
      promisedDate
      resolvedAt
      loanId
      loan {
        id
        externalKey
        currency
      }
    }
  }
`);

export const RESCORING_COMPLETED_SUBSCRIPTION = graphql(`
  subscription LiveRescoringCompleted {
    rescoringCompleted {
      runId
      succeeded
      tasksAssigned
      recommendationsCreated
      escalationsCreated
      finishedAt
    }
  }
`);

export const ESCALATION_CREATED_SUBSCRIPTION = graphql(`
  subscription LiveEscalationCreated {
    escalationCreated {
      id
      reason
      priority
      dueAt
      status
      escalatedAt
      loan {
        id
        externalKey
      }
    }
  }
`);

// Sent by the server when its own connection to the live events was lost and is back (a database outage):
// the other subscriptions may have missed events, as after the portal's own reconnection.
export const LIVE_EVENTS_MISSED_SUBSCRIPTION = graphql(`
  subscription LiveEventsMissed {
    liveEventsMissed {
      lostAt
      resumedAt
    }
  }
`);
