import { useApolloClient } from "@apollo/client/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useLiveSocket } from "../../../core/apollo/LiveSocketContext";
import { useSession } from "../../auth/hooks/useSession";
import type { UserRole } from "../../auth/session.types";
import {
  ESCALATION_CREATED_SUBSCRIPTION,
  LIVE_EVENTS_MISSED_SUBSCRIPTION,
  type LiveTask,
  PROMISE_BROKEN_SUBSCRIPTION,
  RESCORING_COMPLETED_SUBSCRIPTION,
  TASK_ASSIGNED_SUBSCRIPTION,
  TASK_UPDATED_SUBSCRIPTION,
} from "../graphql/liveSubscriptions";
import { useLiveSubscription } from "../hooks/useLiveSubscription";
import { emitLiveEvent } from "../liveEvents";
import {
  escalationNotice,
  type LiveNotice,
  promiseBrokenNotice,
  rescoringNotice,
  taskMovedNotice,
  tasksAssignedNotice,
} from "../liveNotice";
import { LiveNotices } from "./LiveNotices";

// The lists that live events change, by operation name: re-read when they are on screen (the rest are read
// afresh when next opened, as they fetch cache-and-network).
const REFRESHED_QUERIES = new Set(["MyWorklist", "LoanList"]);
// Events come in bursts (a bulk reassignment, a rescoring): one re-read and one notice per burst.
const BURST_MS = 400;
const MAX_NOTICES = 5;

/**
 * The signed-in portal's live updates: subscribes by role over the one WebSocket, keeps the lists on screen
 * current and shows a notice for what a person should know about. Mounted once, in the signed-in layout.
 */
export function LiveUpdates() {
  const { session } = useSession();
  const [notices, setNotices] = useState<LiveNotice[]>([]);

  const notify = useCallback((notice: LiveNotice | null) => {
    if (notice === null) return;
    setNotices((list) => [...list.filter((n) => n.id !== notice.id), notice].slice(-MAX_NOTICES));
  }, []);

  // Nothing of one user's notices may be left for the next person at the desk.
  const userId = session?.user.id;
  const [shownFor, setShownFor] = useState(userId);
  if (shownFor !== userId) {
    setShownFor(userId);
    setNotices([]);
  }

  return (
    <>
      {session && (
        <LiveSubscriptions
          key={session.user.id}
          userId={session.user.id}
          role={session.user.role}
          notify={notify}
        />
      )}
      <LiveNotices
        notices={notices}
        onDismiss={(id) => setNotices((list) => list.filter((n) => n.id !== id))}
        onDismissAll={() => setNotices([])}
      />
    </>
  );
}

interface LiveSubscriptionsProps {
  userId: string;
  role: UserRole;
  notify: (notice: LiveNotice | null) => void;
}

function LiveSubscriptions({ userId, role, notify }: LiveSubscriptionsProps) {
  const client = useApolloClient();
  const liveSocket = useLiveSocket();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const assigned = useRef<LiveTask[]>([]);
  const assignedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refreshLists = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      void client
        .refetchQueries({
          include: "active",
          onQueryUpdated: (query) => (REFRESHED_QUERIES.has(query.queryName ?? "") ? query.refetch() : false),
        })
        .catch(() => undefined);
    }, BURST_MS);
  }, [client]);

  useEffect(
    () => () => {
      clearTimeout(refreshTimer.current);
      clearTimeout(assignedTimer.current);
    },
    [],
  );

  // Events were missed, on the portal's side (its socket dropped) or the server's (it lost the database's
  // live events): either way, re-read what is shown.
  const resync = useCallback(() => {
    refreshLists();
    emitLiveEvent({ kind: "reconnected" });
  }, [refreshLists]);

  useEffect(() => {
    if (!liveSocket) return;
    return liveSocket.onReconnected(resync);
  }, [liveSocket, resync]);

  useLiveSubscription(LIVE_EVENTS_MISSED_SUBSCRIPTION, { onEvent: resync });

  const isAgent = role === "AGENT";

  useLiveSubscription(TASK_ASSIGNED_SUBSCRIPTION, {
    skip: !isAgent,
    onEvent: ({ taskAssigned }) => {
      emitLiveEvent({ kind: "taskAssigned", task: taskAssigned });
      refreshLists();
      assigned.current.push(taskAssigned);
      clearTimeout(assignedTimer.current);
      assignedTimer.current = setTimeout(() => {
        notify(tasksAssignedNotice(assigned.current));
        assigned.current = [];
      }, BURST_MS);
    },
  });

  useLiveSubscription(TASK_UPDATED_SUBSCRIPTION, {
    onEvent: ({ taskUpdated }) => {
      emitLiveEvent({ kind: "taskUpdated", task: taskUpdated });
      refreshLists();
      // An agent's own starts and completions need no notice; work taken away from them does.
      if (!isAgent) return;
      if (taskUpdated.assigneeId !== userId) notify(taskMovedNotice(taskUpdated, false));
      else if (taskUpdated.status === "CANCELLED") notify(taskMovedNotice(taskUpdated, true));
    },
  });

  useLiveSubscription(PROMISE_BROKEN_SUBSCRIPTION, {
    onEvent: ({ promiseBroken }) => {
      emitLiveEvent({ kind: "promiseBroken", promise: promiseBroken });
      refreshLists();
      notify(promiseBrokenNotice(promiseBroken));
    },
  });

  useLiveSubscription(RESCORING_COMPLETED_SUBSCRIPTION, {
    onEvent: ({ rescoringCompleted }) => {
      emitLiveEvent({ kind: "rescoringCompleted", run: rescoringCompleted });
      refreshLists();
      notify(rescoringNotice(rescoringCompleted, role));
    },
  });

  useLiveSubscription(ESCALATION_CREATED_SUBSCRIPTION, {
    skip: isAgent,
    onEvent: ({ escalationCreated }) => {
      emitLiveEvent({ kind: "escalationCreated", escalation: escalationCreated });
      notify(escalationNotice(escalationCreated));
    },
  });

  return null;
}
