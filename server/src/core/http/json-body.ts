import type { FastifyInstance } from "fastify";
import sjson from "secure-json-parse";
import { badInput } from "../errors/app-error.js";

const PROTOTYPE_KEYS = /prototype property/i;

/**
 * JSON bodies parsed with the prototype guards Fastify uses, but refused with a message that says what is
 * wrong: Fastify's own parser answers "Body is not valid JSON" for a "__proto__" key as for a missing brace.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(
        badInput('The body is empty but Content-Type says JSON: send a JSON object such as {"key": "value"}'),
      );
      return;
    }
    try {
      done(null, sjson.parse(text, { protoAction: "error", constructorAction: "error" }));
    } catch (err) {
      const reason = (err as Error).message;
      done(
        PROTOTYPE_KEYS.test(reason)
          ? badInput(
              'The body holds a "__proto__" or "constructor.prototype" key, which is refused (it would rewrite objects\' prototypes): remove or rename it',
            )
          : badInput(`The body is not valid JSON (${reason}): check its quotes, commas and braces`),
      );
    }
  });
}
