import { reasonWords } from "../loanLabels";

/** One reason of a score: its direction as an arrow and, for screen readers, in words, then its sentence. */
export function ReasonItem({ reason }: { reason: { direction: string; sentence: string } }) {
  const words = reasonWords(reason.direction);
  return (
    <li>
      <span aria-hidden="true" className={words.tone}>
        {words.arrow}
      </span>
      <span className="sr-only">{words.said}</span>
      {reason.sentence}
    </li>
  );
}
