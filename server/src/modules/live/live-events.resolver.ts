import { Resolver, Root, Subscription } from "type-graphql";
import { type EventsMissed, Topic } from "../../core/pubsub/pubsub.js";
import { LiveEventsMissed } from "./live-events-missed.types.js";

@Resolver()
export class LiveEventsResolver {
  // Every signed-in subscriber: the gap covers every topic, whoever they are.
  @Subscription(() => LiveEventsMissed, {
    topics: Topic.LIVE_EVENTS_MISSED,
    description:
      "Sent when the server lost its own connection to the live events (a database outage) and has it back: the other subscriptions may have missed events meanwhile, so re-read the lists on screen",
  })
  liveEventsMissed(@Root() e: EventsMissed): LiveEventsMissed {
    return { lostAt: e.lostAt, resumedAt: e.resumedAt };
  }
}
