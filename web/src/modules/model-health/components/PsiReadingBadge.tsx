import { Badge } from "../../../core/ui/Badge";
import { psiReadingInfo } from "../psiReadings";

/** The server's reading of a PSI, as a word in a coloured badge (the word carries it, not the colour). */
export function PsiReadingBadge({ reading }: { reading: string | null }) {
  const info = psiReadingInfo(reading);
  if (info === null) return <Badge tone="neutral">No reading</Badge>;
  return <Badge tone={info.tone}>{info.label}</Badge>;
}
