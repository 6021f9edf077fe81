import { Fragment } from "react";
import { splitInstants } from "../../../core/format/instantsInText";
import { ZonedInstant } from "../../../core/ui/ZonedInstant";

/**
 * Server prose (a rationale, a contact rule's reason) with each ISO instant it quotes shown in the borrower's
 * and the reader's local time instead of raw UTC.
 */
export function LocalizedText({ text, borrowerTimeZone }: { text: string; borrowerTimeZone: string }) {
  return (
    <>
      {splitInstants(text).map((part, i) =>
        part.kind === "text" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
          <Fragment key={i}>{part.text}</Fragment>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string never reorder
          <ZonedInstant key={i} iso={part.iso} timeZone={borrowerTimeZone} />
        ),
      )}
    </>
  );
}
