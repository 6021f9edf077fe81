import { registerEnumType } from "type-graphql";
import { CommunicationChannel } from "../../generated/prisma/enums.js";

// The channel appears on loans, contacts, preferences, recommendations and messages: it is registered with
// GraphQL here, below all of them, and each types file that shows one imports this for its effect.
registerEnumType(CommunicationChannel, { name: "CommunicationChannel" });
