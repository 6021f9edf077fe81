import type { BadgeTone } from "../../core/ui/Badge";

/**
 * The server reads a PSI as STABLE below 0.1, WATCH from 0.1 to 0.25 and SHIFTED above 0.25
 * (server/src/modules/scoring/psi.ts `psiReading`, stated in ScoreDrift.reading's doc string): the
 * conventional thresholds. The page shows the server's reading; these only draw the lines on the charts
 * and say what the words mean.
 */
export const PSI_WATCH_FROM = 0.1;
export const PSI_ACT_ABOVE = 0.25;

export interface PsiReadingInfo {
  label: string;
  tone: BadgeTone;
  /** What a risk manager does about it. */
  advice: string;
  /** Bar colour in the charts; the label is always written next to it. */
  colour: string;
}

const READINGS: Record<string, PsiReadingInfo> = {
  STABLE: {
    label: "Stable",
    tone: "success",
    advice: "The live population looks like the training one: nothing to do.",
    colour: "#059669",
  },
  WATCH: {
    label: "Watch",
    tone: "warning",
    advice: "A moderate shift: check the most drifted features and watch the next rescorings.",
    colour: "#d97706",
  },
  SHIFTED: {
    label: "Shifted: act",
    tone: "danger",
    advice:
      "The live population differs from the training one: review the model's calibration and plan a retraining.",
    colour: "#dc2626",
  },
};

/** The reading the server gave, in words; null when there is none (no PSI). */
export function psiReadingInfo(reading: string | null): PsiReadingInfo | null {
  if (reading === null) return null;
  return Object.hasOwn(READINGS, reading)
    ? (READINGS[reading] as PsiReadingInfo)
    : // A reading this build does not know is still shown, in the server's own word.
      { label: reading, tone: "neutral", advice: "", colour: "#64748b" };
}

export const PSI_SCALE_TEXT = `below ${PSI_WATCH_FROM} stable, ${PSI_WATCH_FROM} to ${PSI_ACT_ABOVE} watch, above ${PSI_ACT_ABOVE} shifted (act)`;
