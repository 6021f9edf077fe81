/** The case view of a loan (built by the loans module). */
export const casePath = (loanId: string): string => `/loans/${encodeURIComponent(loanId)}`;

/** The case view with its contact form open, ready to log an outcome. */
export const caseLogPath = (loanId: string): string => `${casePath(loanId)}?log=contact`;
