import { Navigate } from "react-router";
import { useSession } from "../../auth/hooks/useSession";
import { homePathFor } from "../navigation";

/** `/`: each role's own home page (RequireAuth has already sent signed-out visitors to sign-in). */
export function HomeRedirect() {
  const { session } = useSession();
  return <Navigate to={session ? homePathFor(session.user.role) : "/login"} replace />;
}
