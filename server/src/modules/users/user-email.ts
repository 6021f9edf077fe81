/**
 * The form of an e-mail address that identifies a user: stored so, looked up so at sign-in, and counted so by
 * the sign-in limit. One definition, so that no spelling of an address (" Ana@X.org") reaches the account
 * while escaping the limit on guessing its password.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
