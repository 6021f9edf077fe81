import { createPubSub } from "@graphql-yoga/subscription";

export interface TaskAssignedEvent {
  taskId: string;
  assigneeId: string;
  assignedById: string;
}

/** Every in-process topic and its payload: the one typed map that publishers and subscriptions share. */
export type Topics = {
  TASK_ASSIGNED: [TaskAssignedEvent];
};

export const Topic = { TASK_ASSIGNED: "TASK_ASSIGNED" } as const satisfies Record<keyof Topics, keyof Topics>;

export function createAppPubSub() {
  return createPubSub<Topics>();
}

export type AppPubSub = ReturnType<typeof createAppPubSub>;
