import { NavLink } from "react-router";
import { useSession } from "../../auth/hooks/useSession";
import { roleLabel } from "../../auth/roleLabels";
import { LiveStatusIndicator } from "../../live/components/LiveStatusIndicator";
import { navigationFor } from "../navigation";

const NAV_LINK =
  "rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-white";

export function AppHeader() {
  const { session, signOut } = useSession();

  return (
    <header className="bg-slate-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3 sm:px-6 lg:px-8">
        <div className="flex items-center gap-6">
          <span className="text-base font-bold tracking-tight">CreditPathAI</span>
          {session && (
            <nav aria-label="Main" className="flex flex-wrap gap-1">
              {navigationFor(session.user.role).map((entry) => (
                <NavLink
                  key={entry.to}
                  to={entry.to}
                  className={({ isActive }) =>
                    `${NAV_LINK} ${isActive ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"}`
                  }
                >
                  {entry.label}
                </NavLink>
              ))}
            </nav>
          )}
        </div>
        {session && (
          <div className="flex items-center gap-4">
            <LiveStatusIndicator />
            <p className="text-right text-sm leading-tight">
              <span className="block font-medium">{session.user.displayName}</span>
              <span className="block text-xs text-slate-300">{roleLabel(session.user.role)}</span>
            </p>
            <button
              type="button"
              onClick={signOut}
              className="rounded-md px-3 py-1.5 text-sm font-medium text-white ring-1 ring-slate-600 ring-inset hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
            >
              Sign out
            </button>
          </div>
        )}
      </div>
    </header>
  );
}
