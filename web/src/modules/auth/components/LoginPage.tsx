import { type FormEvent, useId, useState } from "react";
import { Navigate, useLocation } from "react-router";
import { Spinner } from "../../../core/ui/Spinner";
import { useSession } from "../hooks/useSession";
import { useSignIn } from "../hooks/useSignIn";
import type { SignInRedirectState } from "./RequireAuth";

// The index route sends each role on to its own home page.
const DEFAULT_DESTINATION = "/";

// Only in-app paths: a crafted `from` must not turn the sign-in page into an open redirect.
function destinationFrom(state: unknown): string {
  const from = (state as SignInRedirectState | null)?.from;
  return typeof from === "string" &&
    from.startsWith("/") &&
    !from.startsWith("//") &&
    !from.startsWith("/login")
    ? from
    : DEFAULT_DESTINATION;
}

const INPUT =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-indigo-600 focus:ring-inset focus:outline-none sm:text-sm";

export function LoginPage() {
  const { session, notice } = useSession();
  const { signIn, submitting, error } = useSignIn();
  const location = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const errorId = useId();

  // Also the success path: starting the session re-renders this page, which then leaves it.
  if (session !== null) return <Navigate to={destinationFrom(location.state)} replace />;

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const signedIn = await signIn(email.trim(), password);
    // Keep the email so a mistyped password costs one field, not two.
    if (!signedIn) setPassword("");
  };

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <title>Sign in · CreditPathAI</title>
      <div className="w-full max-w-sm">
        <p className="text-center text-lg font-bold tracking-tight text-indigo-700">CreditPathAI</p>
        <h1 className="mt-2 text-center text-2xl font-semibold tracking-tight text-slate-900">
          Sign in to your account
        </h1>

        <form
          onSubmit={handleSubmit}
          aria-describedby={error ? errorId : undefined}
          className="mt-8 space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
        >
          {notice === "expired" && !error && (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Your session has ended. Sign in again to continue.
            </p>
          )}
          {notice === "signedOut" && !error && (
            <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
              You have signed out.
            </p>
          )}
          {error && (
            <p id={errorId} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          )}

          <div>
            <label htmlFor="login-email" className="block text-sm font-medium text-slate-700">
              Email
            </label>
            <input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              className={`mt-1 ${INPUT}`}
            />
          </div>

          <div>
            <label htmlFor="login-password" className="block text-sm font-medium text-slate-700">
              Password
            </label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              className={`mt-1 ${INPUT}`}
            />
          </div>

          <button
            type="submit"
            disabled={submitting}
            className="flex w-full items-center justify-center gap-2 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-70"
          >
            {submitting && <Spinner className="size-4" />}
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
