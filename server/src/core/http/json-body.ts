import type { FastifyInstance } from "fastify";
import sjson from "secure-json-parse";
import { badInput } from "../errors/app-error.js";

/**
 * JSON bodies parsed with the prototype guards Fastify uses, and refused with a message that says what is
 * wrong with the JSON.
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
      // Prototype keys are dropped, not refused: the published schemas allow any extra key where they allow
      // extra keys at all (and drop them), so refusing "__proto__" there would break the document's word.
      done(null, sjson.parse(text, { protoAction: "remove", constructorAction: "remove" }));
    } catch (err) {
      const reason = (err as Error).message;
      done(badInput(`The body is not valid JSON (${reason}): check its quotes, commas and braces`));
    }
  });
}
