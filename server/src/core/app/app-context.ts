import type { AuditedChangeSlot } from "../audit/audited-change.js";
import type { UserPrincipal } from "../auth/principal.js";

// Modules receive the application's services and per-request loaders, but must not import app/ (the
// composition root that imports them). These interfaces are declared empty here and filled in by app/ through
// declaration merging (see app/graphql-context.ts), so modules type against core alone.

/** The application's services, built once per process (app/services.ts). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by app/graphql-context.ts
export interface AppServices {}

/** The per-request DataLoaders (app/graphql-context.ts). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by app/graphql-context.ts
export interface RequestLoaders {}

/** What every GraphQL resolver gets: who calls, the request, the services and this request's loaders. */
export interface GraphQLContext extends AuditedChangeSlot {
  principal: UserPrincipal;
  requestId: string;
  services: AppServices;
  loaders: RequestLoaders;
}
