import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import type { LiveSocket, LiveStatus } from "./liveSocket";

const LiveSocketContext = createContext<LiveSocket | null>(null);

export function LiveSocketProvider({ socket, children }: { socket: LiveSocket; children: ReactNode }) {
  return <LiveSocketContext value={socket}>{children}</LiveSocketContext>;
}

/** The portal's live connection (for its status and reconnects; subscriptions go through Apollo). */
export function useLiveSocket(): LiveSocket | null {
  return useContext(LiveSocketContext);
}

const idle = (): LiveStatus => "idle";
const noSubscription = () => () => undefined;

export function useLiveStatus(): LiveStatus {
  const socket = useLiveSocket();
  return useSyncExternalStore(socket?.subscribeToStatus ?? noSubscription, socket?.status ?? idle);
}
