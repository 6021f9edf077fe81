/**
 * What every case view write passes to useMutation: the case is read again before the mutation counts as
 * done, so the history already shows the change when the form reports success.
 */
export const REFRESH_CASE = { refetchQueries: ["CaseView"], awaitRefetchQueries: true };
