import { randomUUID } from "node:crypto";
import type { Access } from "./expectations.js";
import type { CallerRole, MatrixWorld, Target } from "./matrix-world.js";

export interface Prepared {
  variables: Record<string, unknown>;
  /** For a list: the id that must be in the answer when the caller may see the target's object. */
  lookFor?: string;
  /** Sign in as someone else of the same role (an operation that would end the shared caller's session). */
  token?: string;
}

export interface OperationEntry {
  access: Access;
  document: string;
  /** Sets up a fresh object of the target's owner and the operation's variables for it. */
  prepare(w: MatrixWorld, target: Target, role: CallerRole): Promise<Prepared>;
  /** For a list: the ids in the answer's data. */
  ids?(data: Record<string, unknown>): string[];
}

const key = () => randomUUID();
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Every GraphQL query and mutation with who may use it and how to try it. The matrix test fails for an
 * operation of the schema that has no entry here, so a new operation cannot ship without its access rule.
 */
export const GRAPHQL_OPERATIONS: Record<string, OperationEntry> = {
  me: {
    access: "signedIn",
    document: "{ me { id role } }",
    prepare: async () => ({ variables: {} }),
  },
  recommendationPolicy: {
    access: "signedIn",
    document: "{ recommendationPolicy { version } }",
    prepare: async () => ({ variables: {} }),
  },
  recommendationPolicyVersions: {
    access: "signedIn",
    document: "{ recommendationPolicyVersions { version } }",
    prepare: async () => ({ variables: {} }),
  },
  loan: {
    access: "work",
    document: "query($id: ID!) { loan(id: $id) { id } }",
    prepare: async (w, target) => ({ variables: { id: (await w.newCase(w.owners[target])).loanId } }),
  },
  loans: {
    access: "work",
    document: "query($filter: LoanFilter) { loans(first: 200, filter: $filter) { nodes { id } } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      return {
        variables: { filter: { portfolioId: w.portfolio.id, assigneeId: c.owner.id } },
        lookFor: c.loanId,
      };
    },
    ids: (data) => (data.loans as { nodes: { id: string }[] }).nodes.map((l) => l.id),
  },
  portfolios: {
    access: "signedIn",
    document: "{ portfolios { id name } }",
    prepare: async () => ({ variables: {} }),
  },
  teamTasks: {
    access: "teamLead",
    document: "query($f: TeamTaskFilter) { teamTasks(first: 200, filter: $f) { nodes { id } } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      return { variables: { f: { assigneeId: c.owner.id } }, lookFor: c.taskId };
    },
    ids: (data) => (data.teamTasks as { nodes: { id: string }[] }).nodes.map((t) => t.id),
  },
  myWorklist: {
    access: "mine",
    document:
      "query($from: String!) { myWorklist(first: 100, filter: { dueFrom: $from }) { edges { node { task { id } } } } }",
    // Cases are due a day after they are made: the filter keeps the owner's earlier cases off the page.
    prepare: async (w, target) => {
      const from = new Date(Date.now() + 86_400_000 - 1000).toISOString();
      return { variables: { from }, lookFor: (await w.newCase(w.owners[target])).taskId };
    },
    ids: (data) =>
      (data.myWorklist as { edges: { node: { task: { id: string } } }[] }).edges.map((e) => e.node.task.id),
  },
  users: {
    access: "teamLead",
    document: "query { users { id } }",
    prepare: async (w, target) => ({ variables: {}, lookFor: w.owners[target].id }),
    ids: (data) => (data.users as { id: string }[]).map((u) => u.id),
  },
  startTask: {
    access: "work",
    document:
      "mutation($taskId: ID!, $key: String!) { startTask(taskId: $taskId, idempotencyKey: $key) { id } }",
    prepare: async (w, target) => ({
      variables: { taskId: (await w.newCase(w.owners[target])).taskId, key: key() },
    }),
  },
  completeTask: {
    access: "work",
    document: "mutation($input: CompleteTaskInput!) { completeTask(input: $input) { id } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target], "IN_PROGRESS");
      return { variables: { input: { taskId: c.taskId, outcome: "NO_CONTACT", idempotencyKey: key() } } };
    },
  },
  assignTask: {
    access: "teamLead",
    document: "mutation($input: AssignTaskInput!) { assignTask(input: $input) { id } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      const assigneeId = w.teammateOf(c.owner).id;
      return { variables: { input: { taskId: c.taskId, assigneeId, idempotencyKey: key() } } };
    },
  },
  changePassword: {
    access: "signedIn",
    document: "mutation($input: ChangePasswordInput!) { changePassword(input: $input) }",
    prepare: async (w, _target, role) => {
      const { token, password } = await w.freshCaller(role);
      return {
        token,
        variables: { input: { currentPassword: password, newPassword: `${password}-and-more` } },
      };
    },
  },
  createUser: {
    access: "admin",
    document: "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
    prepare: async (w) => ({
      variables: {
        input: {
          email: `created-${key().slice(0, 8)}-${w.tag}@matrix.test`,
          displayName: "Created in the matrix",
          role: "AGENT",
          teamId: w.teamA.id,
          password: "a-first-password-long-enough",
        },
      },
    }),
  },
  setUserPassword: {
    access: "admin",
    document: "mutation($input: SetUserPasswordInput!) { setUserPassword(input: $input) { id } }",
    prepare: async (w) => ({
      variables: { input: { userId: (await w.freshUser()).id, password: "another-password-long-enough" } },
    }),
  },
  deactivateUser: {
    access: "admin",
    document: "mutation($id: ID!) { deactivateUser(userId: $id) { id } }",
    prepare: async (w) => ({ variables: { id: (await w.freshUser()).id } }),
  },
  reactivateUser: {
    access: "admin",
    document: "mutation($id: ID!) { reactivateUser(userId: $id) { id } }",
    prepare: async (w) => ({ variables: { id: (await w.freshUser({ active: false })).id } }),
  },
  saveRecommendationPolicyDraft: {
    access: "teamLeadNoObject",
    document: "mutation($d: JSON!) { saveRecommendationPolicyDraft(definition: $d, note: null) { version } }",
    prepare: async (w) => ({ variables: { d: await w.activePolicyDefinition() } }),
  },
  activateRecommendationPolicy: {
    access: "manager",
    document: "mutation($v: Int!) { activateRecommendationPolicy(version: $v) { version } }",
    // The version that is active already: activating it changes nothing for the other test files.
    prepare: async (w) => ({ variables: { v: await w.activePolicyVersion() } }),
  },
  contactCheck: {
    access: "work",
    document: "query($loanId: ID!) { contactCheck(loanId: $loanId, channel: EMAIL) { allowed } }",
    prepare: async (w, target) => ({ variables: { loanId: (await w.newCase(w.owners[target])).loanId } }),
  },
  logContact: {
    access: "work",
    document: "mutation($input: LogContactInput!) { logContact(input: $input) { contact { id } } }",
    prepare: async (w, target) => ({
      variables: {
        input: {
          loanId: (await w.newCase(w.owners[target])).loanId,
          channel: "CALL",
          direction: "INBOUND",
          outcome: "CONNECTED",
          startedAt: new Date(Date.now() - 60_000).toISOString(),
          durationSeconds: 60,
          idempotencyKey: key(),
        },
      },
    }),
  },
  updateContactPreferences: {
    access: "work",
    document:
      "mutation($input: UpdateContactPreferencesInput!) { updateContactPreferences(input: $input) { doNotContact } }",
    prepare: async (w, target) => ({
      variables: {
        input: {
          borrowerId: (await w.newCase(w.owners[target])).borrowerId,
          optOutChannels: ["SMS"],
          idempotencyKey: key(),
        },
      },
    }),
  },
  borrower: {
    access: "work",
    document: "query($id: ID!) { borrower(id: $id) { id } }",
    prepare: async (w, target) => ({ variables: { id: (await w.newCase(w.owners[target])).borrowerId } }),
  },
  searchBorrowers: {
    access: "work",
    document: "query($q: String!) { searchBorrowers(query: $q) { id } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      const b = await w.db.borrower.findUniqueOrThrow({ where: { id: c.borrowerId } });
      return { variables: { q: b.externalKey }, lookFor: c.borrowerId };
    },
    ids: (data) => (data.searchBorrowers as { id: string }[]).map((b) => b.id),
  },
  promises: {
    access: "work",
    document: "query($f: PromiseFilter) { promises(filter: $f, first: 50) { nodes { id } } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      return { variables: { f: { loanId: c.loanId } }, lookFor: await w.newPromise(c) };
    },
    ids: (data) => (data.promises as { nodes: { id: string }[] }).nodes.map((p) => p.id),
  },
  arrangements: {
    access: "work",
    document: "query($loanId: ID!) { arrangements(loanId: $loanId) { id } }",
    prepare: async (w, target) => ({ variables: { loanId: (await w.newCase(w.owners[target])).loanId } }),
  },
  logPromiseToPay: {
    access: "work",
    document: "mutation($input: LogPromiseInput!) { logPromiseToPay(input: $input) { id } }",
    prepare: async (w, target) => ({
      variables: {
        input: {
          loanId: (await w.newCase(w.owners[target])).loanId,
          amount: "120.00",
          promisedDate: daysAhead(5),
          idempotencyKey: key(),
        },
      },
    }),
  },
  cancelPromise: {
    access: "work",
    document:
      "mutation($id: ID!, $key: String!) { cancelPromise(promiseId: $id, idempotencyKey: $key) { id } }",
    prepare: async (w, target) => ({
      variables: { id: await w.newPromise(await w.newCase(w.owners[target])), key: key() },
    }),
  },
  recordArrangement: {
    access: "work",
    document: "mutation($input: RecordArrangementInput!) { recordArrangement(input: $input) { id } }",
    prepare: async (w, target) => ({
      variables: {
        input: {
          loanId: (await w.newCase(w.owners[target])).loanId,
          kind: "PAYMENT_PLAN",
          instalments: [
            { amount: "100.00", dueDate: daysAhead(10) },
            { amount: "100.00", dueDate: daysAhead(40) },
          ],
          idempotencyKey: key(),
        },
      },
    }),
  },
  outboundMessages: {
    access: "work",
    document: "query($f: OutboundMessageFilter) { outboundMessages(filter: $f, first: 50) { nodes { id } } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      return { variables: { f: { loanId: c.loanId } }, lookFor: await w.newOutboundMessage(c) };
    },
    ids: (data) => (data.outboundMessages as { nodes: { id: string }[] }).nodes.map((m) => m.id),
  },
  portfolioSummary: {
    access: "teamLead",
    document: "query($teamId: ID) { portfolioSummary(teamId: $teamId) { balance } }",
    prepare: async (w, target) => ({ variables: { teamId: w.owners[target].teamId } }),
  },
  teamWorkload: {
    access: "teamLead",
    document: "query($teamId: ID) { teamWorkload(teamId: $teamId) { businessTimeZone } }",
    prepare: async (w, target) => ({ variables: { teamId: w.owners[target].teamId } }),
  },
  modelHealth: {
    access: "teamLeadNoObject",
    document: "{ modelHealth { card { algorithm } } }",
    prepare: async () => ({ variables: {} }),
  },
  escalateCase: {
    access: "work",
    document: "mutation($input: EscalateCaseInput!) { escalateCase(input: $input) { id } }",
    prepare: async (w, target) => ({
      variables: {
        input: {
          loanId: (await w.newCase(w.owners[target])).loanId,
          reason: "HARDSHIP",
          idempotencyKey: key(),
        },
      },
    }),
  },
  escalations: {
    access: "teamLead",
    document: "query { escalations(first: 100) { nodes { id } } }",
    prepare: async (w, target) => ({
      variables: {},
      lookFor: (await w.newEscalation(w.owners[target])).taskId,
    }),
    ids: (data) => (data.escalations as { nodes: { id: string }[] }).nodes.map((e) => e.id),
  },
  takeEscalation: {
    access: "manager",
    document:
      "mutation($id: ID!, $key: String!) { takeEscalation(taskId: $id, idempotencyKey: $key) { id } }",
    prepare: async (w, target) => ({
      variables: { id: (await w.newEscalation(w.owners[target])).taskId, key: key() },
    }),
  },
  resolveEscalation: {
    access: "manager",
    document: "mutation($input: ResolveEscalationInput!) { resolveEscalation(input: $input) { id } }",
    prepare: async (w, target) => {
      const e = await w.newEscalation(w.owners[target]);
      await w.db.task.update({
        where: { id: e.taskId },
        data: { assigneeId: w.callers.MANAGER.id, status: "IN_PROGRESS", startedAt: new Date() },
      });
      return {
        variables: {
          input: {
            taskId: e.taskId,
            outcome: "ARRANGEMENT_AGREED",
            note: "Agreed by phone",
            idempotencyKey: key(),
          },
        },
      };
    },
  },
  reassignTasks: {
    access: "teamLead",
    document: "mutation($input: ReassignTasksInput!) { reassignTasks(input: $input) { id } }",
    prepare: async (w, target) => {
      const c = await w.newCase(w.owners[target]);
      return {
        variables: {
          input: { taskIds: [c.taskId], assigneeId: w.teammateOf(c.owner).id, idempotencyKey: key() },
        },
      };
    },
  },
  rescoreLoan: {
    access: "work",
    document: "mutation($id: ID!, $key: String!) { rescoreLoan(loanId: $id, idempotencyKey: $key) { id } }",
    prepare: async (w, target) => ({
      variables: { id: (await w.newCase(w.owners[target])).loanId, key: key() },
    }),
  },
};
