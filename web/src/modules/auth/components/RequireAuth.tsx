import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../hooks/useSession";

export interface SignInRedirectState {
  from?: string;
}

export function RequireAuth() {
  const { session, notice } = useSession();
  const location = useLocation();
  if (session === null) {
    // After a deliberate sign-out the next person at the desk starts at their own list, not on this page.
    const state: SignInRedirectState =
      notice === "signedOut" ? {} : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
