import { useCallback, useEffect, useRef, useState } from "react";
import { postLogin, SignInError } from "../api/postLogin";
import { startSession } from "../sessionStore";

export interface UseSignInResult {
  signIn: (email: string, password: string) => Promise<boolean>;
  submitting: boolean;
  error: string | null;
}

export function useSignIn(): UseSignInResult {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const controllerRef = useRef<AbortController | null>(null);

  // A response arriving after the form unmounted must not start a session nobody asked for anymore.
  useEffect(() => () => controllerRef.current?.abort(), []);

  const signIn = useCallback(async (email: string, password: string): Promise<boolean> => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setSubmitting(true);
    setError(null);
    try {
      const session = await postLogin(email, password, controller.signal);
      if (controller.signal.aborted) return false;
      startSession(session);
      return true;
    } catch (caught) {
      if (controller.signal.aborted) return false;
      setError(caught instanceof SignInError ? caught.message : "Sign-in failed unexpectedly. Try again.");
      return false;
    } finally {
      if (!controller.signal.aborted) setSubmitting(false);
    }
  }, []);

  return { signIn, submitting, error };
}
